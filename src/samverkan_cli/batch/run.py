"""``samverkan run``: inbox -> store -> analysis -> reports, unattended (SPEC section 8).

Crash safety comes from the order of steps: a file is committed to the database in one
transaction *before* it is moved out of ``inbox/``; a file found in the inbox again after a
crash has the same SHA-256, is recognised as already imported, and is only moved. Every report
and the manifest are written to a temporary file and renamed.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import stat
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from samverkan_cli import __version__
from samverkan_cli.batch.locking import project_lock
from samverkan_cli.config import Config
from samverkan_cli.errors import InputError, Locked, SamverkanError, StorageError, UsageError, ValidationFailed
from samverkan_cli.fileio import file_sha256, remove_leftovers, write_atomic
from samverkan_cli.i18n import Lang, Msg
from samverkan_cli.instrument import Instrument, load_instrument
from samverkan_cli.progress import Progress
from samverkan_cli.readers import ReadLimits
from samverkan_cli.store import Store, open_store, queries

if TYPE_CHECKING:
    from samverkan_cli.analysis import AnalysisResult

__all__ = ["BatchResult", "InboxFile", "run_batch"]

FRAME_DIRS = ("register", "ram", "frame")
MANIFEST = "manifest.json"
KEEP_LOGS = 30


@dataclass
class InboxFile:
    """What happened to one file found in the inbox."""

    file: str
    kind: str  # "export" or "register"
    wave: str | None
    sha256: str
    status: str = "pending"  # stored | already_imported | frame | failed | waiting (no wave configured)
    imported: int = 0
    quarantined: int = 0
    warnings: int = 0
    errors: int = 0
    message: str = ""
    moved_to: str = ""
    exit_code: int = 0  # of the error that failed the file (SPEC section 9), kept in the manifest
    #: every warning and error of the file, in full (the manifest lists them; ``run`` prints them)
    findings: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class BatchResult:
    inputs: list[InboxFile] = field(default_factory=list)
    outputs: list[dict[str, Any]] = field(default_factory=list)
    rendered: list[str] = field(default_factory=list)
    reports_skipped: bool = False
    wave: str | None = None
    counts: dict[str, Any] = field(default_factory=dict)
    durations: dict[str, float] = field(default_factory=dict)
    manifest: Path | None = None
    log: Path | None = None
    attention: list[Msg] = field(default_factory=list)

    @property
    def failed(self) -> list[InboxFile]:
        return [f for f in self.inputs if f.status == "failed"]

    @property
    def needs_attention(self) -> bool:
        """True when a run must say something: a message, or a file stored with warnings or errors."""
        return bool(self.attention) or any(f.findings for f in self.inputs)

    @property
    def unfinished(self) -> list[InboxFile]:
        """Files that failed or still wait for a wave: what makes a run end with an error."""
        return [f for f in self.inputs if f.status in ("failed", "waiting")]


def _inbox_files(inbox: Path, default_wave: str) -> tuple[list[tuple[Path, str, str | None]], list[_Refused]]:
    """(path, kind, wave) for every regular file waiting in the inbox, in a stable order, and what was refused.

    The inbox is shared: a symbolic link (to a file or a wave folder), a FIFO or a device is never
    opened or followed, so nothing outside the project is read or moved; it is refused instead.
    """
    found: list[tuple[Path, str, str | None]] = []
    refused: list[_Refused] = []
    if not inbox.is_dir():
        return found, refused
    for entry in sorted(inbox.iterdir()):
        if entry.name.startswith((".", "~$")) or entry.name == "failed":
            continue
        mode = entry.lstat().st_mode
        if stat.S_ISDIR(mode):
            kind = "register" if entry.name.lower() in FRAME_DIRS else "export"
            wave = None if kind == "register" else entry.name
            for sub in sorted(entry.iterdir()):
                if sub.name.startswith((".", "~$")):
                    continue
                if _plain_file(sub):
                    found.append((sub, kind, wave))
                else:
                    refused.append(_Refused(sub, kind, wave))
        elif _plain_file(entry):
            found.append((entry, "export", default_wave or None))
        else:
            refused.append(_Refused(entry, "export", default_wave or None))
    return found, refused


def _plain_file(path: Path) -> bool:
    """A regular file with one name: not a link, FIFO or device, and not a hard link to a file elsewhere."""
    info = path.lstat()
    return stat.S_ISREG(info.st_mode) and info.st_nlink == 1


@dataclass(frozen=True)
class _Refused:
    """An inbox entry that is not a plain file: a symbolic or hard link, a FIFO, a socket or a device."""

    path: Path
    kind: str
    wave: str | None

    def message(self, lang: Lang) -> str:
        mode = self.path.lstat().st_mode
        if stat.S_ISLNK(mode):
            what = Msg("en symbolisk länk", "a symbolic link")
        elif stat.S_ISFIFO(mode):
            what = Msg("en namngiven pipe (FIFO)", "a named pipe (FIFO)")
        elif stat.S_ISREG(mode):
            what = Msg(
                "en hård länk till en fil som också finns på annat ställe",
                "a hard link to a file that also lives elsewhere",
            )
        else:
            what = Msg("ingen vanlig fil", "not a regular file")
        return Msg(
            "{f} är {w} och lästes inte: inkorgen tar bara vanliga filer inuti projektet. "
            "Lägg filen själv (en kopia) i inkorgen.",
            "{f} is {w} and was not read: the inbox takes regular files inside the project only. "
            "Put the file itself (a copy) in the inbox.",
        ).render(lang, f=self.path.name, w=what.render(lang))


def _inside(path: Path, root: Path) -> bool:
    """True when ``path`` (following every link) is ``root`` or lies below it."""
    resolved, top = path.resolve(), root.resolve()
    return resolved == top or top in resolved.parents


def _folder_inside(folder: Path, root: Path) -> Path:
    """Create ``folder`` and check that it lies inside the project, so a linked folder cannot carry files out."""
    folder.mkdir(parents=True, exist_ok=True)
    if not _inside(folder, root):
        raise StorageError(
            Msg("{d} leder ut ur projektet {r}.", "{d} leads outside the project {r}.").format(d=folder, r=root),
            Msg("Ersätt den symboliska länken med en vanlig katalog.", "Replace the symbolic link by a plain folder."),
        )
    return folder


def _move(src: Path, dest_dir: Path) -> Path:
    """Move ``src`` into ``dest_dir`` atomically; an identical file already there just absorbs it.

    ``src`` itself is renamed, never followed: a refused symbolic link moves as the link.
    """
    dest_dir.mkdir(parents=True, exist_ok=True)
    regular = stat.S_ISREG(src.lstat().st_mode)
    dest = dest_dir / src.name
    n = 2
    while os.path.lexists(dest):
        if regular and stat.S_ISREG(dest.lstat().st_mode) and file_sha256(dest) == file_sha256(src):
            src.unlink()
            return dest
        dest = dest_dir / f"{src.stem}-{n}{src.suffix}"
        n += 1
    src.replace(dest)
    return dest


def _import_one(
    store: Store,
    instrument: Instrument,
    config: Config,
    mapping: dict[str, str] | None,
    item: InboxFile,
    path: Path,
    lang: Lang,
) -> dict[str, Any] | None:
    """Import one inbox file; returns the import report document (None for registers/errors)."""
    from samverkan_cli.ingest.pipeline import ImportOutcome, import_files
    from samverkan_cli.ingest.register import import_frame

    if item.kind == "register":
        frame = import_frame(store, path)
        item.status = "already_imported" if frame.already_imported else "frame"
        item.imported = frame.stored
        item.warnings = len(frame.findings)
        return frame.to_dict(lang)
    if not item.wave:
        item.status = "failed"
        item.exit_code = UsageError.exit_code
        item.message = Msg(
            "Ingen mätomgång: lägg filen i inbox/<mätomgång>/ eller sätt [import] wave i samverkan.toml.",
            "No wave: put the file in inbox/<wave>/ or set [import] wave in samverkan.toml.",
        ).render(lang)
        return None
    limits = ReadLimits.of(config.import_.max_cells, config.import_.max_sheet_mb)
    summary = import_files(
        store,
        instrument,
        [path],
        item.wave,
        mapping=mapping,
        strict=config.import_.strict,
        waves=config.waves,
        limits=limits,
    )
    report = summary.files[0]
    item.imported = report.imported
    item.quarantined = report.quarantined
    item.warnings = report.warnings
    item.errors = report.errors
    # Data dropped (an unread column, quarantined rows) must reach whoever reads cron's mail.
    item.findings = [f.to_dict(lang) for f in report.findings if f.severity != "info"]
    if report.already_imported:
        item.status = "already_imported"
    elif summary.outcome is not ImportOutcome.OK:
        item.status = "failed"
        item.exit_code = ValidationFailed.exit_code
        first = next((f for f in report.findings if f.severity == "error"), None)
        item.message = first.message(lang) if first else summary.summary().render(lang)
    else:
        item.status = "stored"
    return summary.to_dict(lang)


def _process_inbox(
    store: Store,
    instrument: Instrument,
    config: Config,
    result: BatchResult,
    log: logging.Logger,
    lang: Lang,
    progress: Progress | None,
) -> None:
    from samverkan_cli.ingest.matching import load_mapping

    mapping_path = config.mapping_path()
    mapping = load_mapping(mapping_path, instrument) if mapping_path else None
    inbox, archive = config.path("inbox"), config.path("archive")
    failed_dir = inbox / "failed"
    files, refused = _inbox_files(inbox, config.import_.wave)
    for entry in refused:
        _refuse(entry, inbox, failed_dir, config, result, log, lang)
    # Registers first, so response rates of exports in the same batch already have their frame.
    files.sort(key=lambda f: (f[1] != "register", str(f[0])))
    for n, (path, kind, wave) in enumerate(files):
        if progress:
            progress("import", n, len(files), path.name)
        item = InboxFile(file=str(path.relative_to(inbox)), kind=kind, wave=wave, sha256=file_sha256(path))
        result.inputs.append(item)
        doc: dict[str, Any] | None = None
        try:
            doc = _import_one(store, instrument, config, mapping, item, path, lang)
        except (StorageError, Locked):
            # A full disk or a damaged database is no fault of the file: stop, and leave it in the inbox.
            raise
        except SamverkanError as exc:
            item.status = "failed"
            item.exit_code = exc.exit_code
            item.message = exc.render(lang)
            doc = {"file": path.name, "error": item.message, "hint": exc.render_hint(lang)}
        if item.status == "failed" and kind == "export" and not wave:
            # Nothing is wrong with the file itself: it waits in the inbox until a wave is configured.
            item.status = "waiting"
            log.warning("waiting: %s: %s", item.file, item.message)
            result.attention.append(
                Msg("{f} väntar i inkorgen: {m}", "{f} is waiting in the inbox: {m}").format(
                    f=item.file, m=item.message
                )
            )
            continue
        if item.status == "failed":
            _write_failure(failed_dir, path.name, doc or {"file": path.name, "error": item.message}, config)
            item.moved_to = str(_move(path, _folder_inside(failed_dir, config.root)).relative_to(config.root))
            log.warning("failed: %s: %s", item.file, item.message)
        elif file_sha256(path) != item.sha256:
            # Someone was still writing it: the archive must hold the bytes that were imported, so the
            # file stays in the inbox and its final content is imported by the next run.
            log.warning("changed while being imported, left in the inbox: %s", item.file)
            result.attention.append(
                Msg(
                    "{f} ändrades medan den lästes in och ligger kvar i inkorgen till nästa körning.",
                    "{f} changed while it was being imported and stays in the inbox for the next run.",
                ).format(f=item.file)
            )
        else:
            sub = "register" if kind == "register" else (wave or "")
            item.moved_to = str(_move(path, _folder_inside(archive / sub, config.root)).relative_to(config.root))
            log.info("%s: %s (%d imported, %d quarantined)", item.status, item.file, item.imported, item.quarantined)
    if progress and files:
        progress("import", len(files), len(files), "")


def _refuse(
    entry: _Refused, inbox: Path, failed_dir: Path, config: Config, result: BatchResult, log: logging.Logger, lang: Lang
) -> None:
    """Record an inbox entry that is not a regular file and move it (the link itself, unread) to failed/."""
    item = InboxFile(
        file=str(entry.path.relative_to(inbox)),
        kind=entry.kind,
        wave=entry.wave,
        sha256="",
        status="failed",
        exit_code=InputError.exit_code,
        message=entry.message(lang),
    )
    result.inputs.append(item)
    _write_failure(failed_dir, entry.path.name, {"file": entry.path.name, "error": item.message}, config)
    item.moved_to = str(_move(entry.path, _folder_inside(failed_dir, config.root)).relative_to(config.root))
    log.warning("refused: %s: %s", item.file, item.message)


def _write_failure(failed_dir: Path, name: str, doc: dict[str, Any], config: Config) -> None:
    """Write ``failed/NAME.report.json``; the failed folder must lie inside the project."""
    _folder_inside(failed_dir, config.root)
    data = json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
    write_atomic(failed_dir / f"{name}.report.json", data.encode("utf-8"))


def _state_key(store: Store, instrument: Instrument, config: Config, wave: str | None) -> str:
    """Everything the reports depend on, hashed: data, frame, codebook, templates, settings, tool."""
    digest = hashlib.sha256()
    parts: dict[str, Any] = {
        "tool": __version__,
        "instrument": [instrument.id, instrument.version, instrument.signatures()],
        **queries.batch_state(store),
        "analysis": asdict(config.analysis),
        "disclosure": asdict(config.disclosure),
        "report": asdict(config.report),
        "wave": wave,
    }
    digest.update(json.dumps(parts, sort_keys=True, default=str).encode("utf-8"))
    templates = config.templates_path()
    if templates is not None and templates.is_dir():
        for tpl in sorted(templates.rglob("*")):
            if tpl.is_file():
                digest.update(tpl.name.encode("utf-8"))
                digest.update(tpl.read_bytes())
    return digest.hexdigest()


def _county_fingerprints(result: AnalysisResult, lans: tuple[str, ...], provenance: Any) -> dict[str, str]:
    """A hash per county of the part of the analysis result its report shows.

    The document is converted once and its rows grouped by county in one pass (not once per
    county); the hashed payload is the same as ``result.rows_of_lan`` gives, so manifests written
    by earlier versions keep matching.
    """
    doc = result.to_dict()
    tables = [name for name, rows in doc.items() if isinstance(rows, list)]
    by_lan: dict[Any, dict[str, list[Any]]] = {}
    for name in tables:
        for row in doc[name]:
            by_lan.setdefault(row.get("lan"), {t: [] for t in tables})[name].append(row)
    empty: dict[str, list[Any]] = {t: [] for t in tables}
    common = result.meta.to_dict()
    riket = by_lan.get("riket", empty)
    files = [[f.name, f.sha256] for f in provenance.files]
    out = {}
    for lan in lans:
        payload = json.dumps([common, riket, by_lan.get(lan, empty), files], sort_keys=True, default=str)
        out[lan] = hashlib.sha256(payload.encode("utf-8")).hexdigest()
    return out


def _read_manifest(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


def _outputs_intact(reports: Path, outputs: list[dict[str, Any]]) -> bool:
    for entry in outputs:
        path = reports / str(entry.get("file", ""))
        if not path.is_file() or file_sha256(path) != entry.get("sha256"):
            return False
    return bool(outputs)


def _render(
    store: Store,
    instrument: Instrument,
    config: Config,
    result: BatchResult,
    previous: dict[str, Any],
    force: bool,
    lang: Lang,
    progress: Progress | None,
    log: logging.Logger,
) -> None:
    from samverkan_cli.analysis import AnalysisOptions, analyze
    from samverkan_cli.reports.build import ReportOptions, build_reports, provenance_from_store

    reports = config.path("reports")
    reports.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    analysis = analyze(store, instrument, AnalysisOptions.from_config(config))
    result.durations["analysis"] = time.perf_counter() - t0
    waves = list(analysis.meta.waves)
    wave = result.wave if result.wave in waves else (waves[-1] if waves else None)
    result.wave = wave
    if wave is None:
        result.attention.append(
            Msg(
                "Inga svar finns ännu, så inga rapporter skrevs.",
                "There are no responses yet, so no reports were written.",
            )
        )
        return
    used = {w for w in (wave, analysis.meta.previous_wave.get(wave)) if w}
    provenance = provenance_from_store(store, instrument, used)
    lans = analysis.lans(wave)
    prints = _county_fingerprints(analysis, lans, provenance)
    old = {e.get("lan"): e for e in previous.get("outputs", []) if e.get("lan")}
    changed = tuple(
        lan
        for lan in lans
        if force or old.get(lan, {}).get("fingerprint") != prints[lan] or not _outputs_intact(reports, [old[lan]])
    )
    formats = tuple(f for f in config.report.formats if f in ("html", "xlsx"))
    base: dict[str, Any] = {
        "wave": wave,
        "lang": config.report.lang,
        "include_comments": config.report.include_comments,
        "templates": config.templates_path(),
        "title": config.report.title or None,
        "compare": tuple(c.zfill(2) for c in config.report.compare),
        "comments_dir": config.root / "comments",
    }

    t0 = time.perf_counter()
    written: list[Path] = []
    if formats:
        # One call, so each county's report model is built once for its page and the workbook.
        options = ReportOptions(lans=lans, formats=formats, html_lans=changed, **base)
        written = list(build_reports(analysis, instrument, provenance, reports, options, progress).files)
    result.durations["reports"] = time.perf_counter() - t0
    result.rendered = [p.name for p in written]
    result.outputs = _output_entries(reports, lans, prints, written, "html" in formats)
    result.counts = {
        "waves": waves,
        "counties": len(lans),
        "responses": {w: queries.responses_in_wave(store, w) for w in waves},
        "quarantined": queries.quarantine_count(store),
    }
    log.info("reports: %d files written, %d counties re-rendered", len(written), len(changed))


def _output_entries(
    reports: Path, lans: tuple[str, ...], prints: dict[str, str], written: list[Path], html: bool
) -> list[dict[str, Any]]:
    """The manifest's outputs: every county page (with its fingerprint) and the other files written."""
    from samverkan_cli.reports.model import county_filename

    outputs: list[dict[str, Any]] = []
    names = {county_filename(lan): lan for lan in lans}
    for lan in lans:
        name = county_filename(lan)
        if html and (reports / name).is_file():
            outputs.append({"file": name, "lan": lan, "fingerprint": prints[lan]})
    for path in written:
        if path.name not in names:
            outputs.append({"file": path.name, "lan": None, "fingerprint": None})
    for entry in outputs:
        path = reports / entry["file"]
        entry["sha256"] = file_sha256(path)
        entry["bytes"] = path.stat().st_size
    return sorted(outputs, key=lambda e: e["file"])


def _drop_stale(reports: Path, before: list[dict[str, Any]], now: list[dict[str, Any]], log: logging.Logger) -> None:
    """Delete the reports an earlier run wrote that this run no longer has (a county or wave removed)."""
    keep = {str(e.get("file", "")) for e in now}
    for entry in before:
        name = str(entry.get("file", ""))
        path = reports / name
        # Only plain names the manifest listed: never a path outside reports/.
        if name and name not in keep and Path(name).name == name and path.is_file():
            path.unlink()
            log.info("removed stale report: %s", name)


class _OneLineFormatter(logging.Formatter):
    """One log line per record: a newline or escape sequence in a file name cannot forge or hide lines."""

    def formatMessage(self, record: logging.LogRecord) -> str:
        return _escape_controls(super().formatMessage(record))


def _escape_controls(text: str) -> str:
    """``text`` with every control character written as a visible escape (``\\n``, ``\\x1b``)."""
    return "".join(ch if ch.isprintable() or ch == " " else ch.encode("unicode_escape").decode("ascii") for ch in text)


def _logger(logs: Path, stamp: str) -> tuple[logging.Logger, Path, logging.Handler]:
    logs.mkdir(parents=True, exist_ok=True)
    path = logs / f"run-{stamp}.log"
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setFormatter(_OneLineFormatter("%(asctime)s %(levelname)s %(message)s"))
    log = logging.getLogger(f"samverkan.run.{stamp}.{os.getpid()}")
    log.setLevel(logging.INFO)
    log.addHandler(handler)
    log.propagate = False
    old = sorted(logs.glob("run-*.log"))
    for stale in old[:-KEEP_LOGS]:
        stale.unlink(missing_ok=True)
    return log, path, handler


def run_batch(
    config: Config,
    *,
    force: bool = False,
    progress: Progress | None = None,
    lang: Lang = "sv",
    lock_wait: float = 0.0,
    on_wait: Callable[[Msg], None] | None = None,
) -> BatchResult:
    """Run the whole chain once under the project lock; see the module docstring for guarantees.

    Another writer holding the lock is waited for up to ``lock_wait`` seconds (``on_wait`` is told).
    """
    started = time.perf_counter()
    result = BatchResult(wave=config.import_.wave or None)
    with project_lock(config.root, lock_wait, "run", on_wait):
        now = datetime.now(UTC)
        log, log_path, handler = _logger(config.path("logs"), now.strftime("%Y%m%d-%H%M%S-%f"))
        result.log = log_path
        try:
            # Holding the lock, any temporary file in these folders is a killed run's leftover.
            for folder in (config.path("reports"), config.path("inbox") / "failed"):
                for leftover in remove_leftovers(folder):
                    log.info("removed the leftover of an interrupted run: %s", leftover.name)
            instrument = load_instrument(config.instrument_path())
            with open_store(config.database, create=True) as store:
                t0 = time.perf_counter()
                _process_inbox(store, instrument, config, result, log, lang, progress)
                result.durations["import"] = time.perf_counter() - t0
                reports = config.path("reports")
                manifest_path = reports / MANIFEST
                previous = _read_manifest(manifest_path)
                key = _state_key(store, instrument, config, result.wave)
                if (
                    not force
                    and previous.get("state_key") == key
                    and _outputs_intact(reports, previous.get("outputs", []))
                ):
                    result.reports_skipped = True
                    result.outputs = previous.get("outputs", [])
                    result.counts = previous.get("counts", {})
                    result.wave = previous.get("wave")
                    log.info("nothing changed: reports are up to date")
                else:
                    _render(store, instrument, config, result, previous, force, lang, progress, log)
                    _drop_stale(reports, previous.get("outputs", []), result.outputs, log)
                for item in result.failed:
                    result.attention.append(
                        Msg(
                            "{f} kunde inte importeras: {m} (flyttad till {d})",
                            "{f} could not be imported: {m} (moved to {d})",
                        ).format(f=item.file, m=item.message, d=item.moved_to)
                    )
                result.durations["total"] = time.perf_counter() - started
                manifest = {
                    "tool_version": __version__,
                    "instrument": {"id": instrument.id, "version": instrument.version},
                    "started_at": now.replace(microsecond=0).isoformat(),
                    "state_key": key,
                    "wave": result.wave,
                    "reports_skipped": result.reports_skipped,
                    "inputs": [asdict(i) for i in result.inputs],
                    "outputs": result.outputs,
                    "counts": result.counts,
                    "findings": {
                        "warnings": sum(i.warnings for i in result.inputs),
                        "errors": sum(i.errors for i in result.inputs),
                        "quarantined": sum(i.quarantined for i in result.inputs),
                        "failed_files": len(result.failed),
                    },
                    "durations": {k: round(v, 3) for k, v in sorted(result.durations.items())},
                    "log": str(log_path.relative_to(config.root)),
                }
                reports.mkdir(parents=True, exist_ok=True)
                write_atomic(manifest_path, (json.dumps(manifest, ensure_ascii=False, indent=2) + "\n").encode())
                result.manifest = manifest_path
                log.info("done in %.2f s", result.durations["total"])
        except Exception:
            log.exception("run failed")
            raise
        finally:
            log.removeHandler(handler)
            handler.close()
    return result
