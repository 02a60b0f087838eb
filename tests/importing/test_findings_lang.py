"""What the reader noticed about a file is told in the user's language."""

from __future__ import annotations

from pathlib import Path

from samverkan_cli.ingest.findings import Finding, reader_findings
from samverkan_cli.readers import read_table


def test_reader_notes_in_swedish_and_english(tmp_path: Path) -> None:
    """A header-only file's note reads in Swedish by default and in English under --lang en."""
    path = tmp_path / "tom.csv"
    path.write_text("Kommun,R1\n", encoding="utf-8")
    notes = [f for f in reader_findings(read_table(path)) if f.code == "reader_note"]
    assert [f.message("sv") for f in notes] == ["Filen har bara rubrikrader och inga svar."]
    assert [f.message("en") for f in notes] == ["The file has header rows only and no responses."]


def test_a_note_stored_before_it_had_english_still_reads() -> None:
    """Findings stored by an older version carry only the Swedish text; it is shown in both languages."""
    old = Finding("reader_note", None, None, None, (("note", "Filen har bara rubrikrader och inga svar."),))
    assert old.message("en") == old.message("sv") == "Filen har bara rubrikrader och inga svar."
