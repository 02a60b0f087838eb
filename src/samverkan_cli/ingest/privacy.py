"""Privacy at import: identifying columns are dropped, free text is masked (SPEC 4.6)."""

from __future__ import annotations

import hashlib
import re

from samverkan_cli.text import fold, printable

__all__ = ["is_identifying_header", "mask_text", "mask_value", "names_personal_data", "pseudonymise"]

# Swedish personnummer/samordningsnummer: (YY)YYMMDD[-+ ]?NNNN, optionally with century.
_PERSONNUMMER = re.compile(r"(?<!\d)(?:\d{2})?\d{6}\s?[-+]?\s?\d{4}(?!\d)")
# The lookbehind makes a match start only at the beginning of a word run, so long texts stay linear.
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
# Swedish phone numbers as a class: a trunk 0, "+46"/"0046" with or without "(0)", or an area
# code in parentheses, then 7-9 national digits split by spaces, dashes, dots or slashes:
# 070-123 45 67, 08-765 43 21, (08) 765 43 21, +46 (0)70-345 67 89, 070.456.78.90, 0046 31 12 34 56.
_SEP = r"[ \t\u00a0.\-\u2013/]{0,3}"
_PHONE = re.compile(
    r"(?<![\w+])(?:"
    rf"(?:\+|00){_SEP}46{_SEP}(?:\(\s?0\s?\){_SEP})?[1-9](?:{_SEP}\d){{6,8}}"
    rf"|\(\s?0\d{{1,3}}\s?\){_SEP}\d(?:{_SEP}\d){{4,7}}"
    rf"|0\d(?:{_SEP}\d){{6,8}}"
    r")(?!\w)"
)
# Dates and times have the same digits and separators: 01.02.2026, 08.30-09.15.
_NOT_PHONE = re.compile(
    r"^\d{1,2}[./\-]\d{1,2}[./\-](?:\d{4}|\d{2})$|^\d{1,2}[.:]\d{2}\s?[\-\u2013]\s?\d{1,2}[.:]\d{2}$"
)

_IDENTIFYING = re.compile(
    r"^(e ?post(adress)?|e ?mail ?(address)?|email address|recipient ?(e ?mail|first ?name|last ?name)"
    r"|namn|name|ditt namn|your name|f[oö]rnamn|efternamn|first name|last name|full name"
    r"|ip ?address|ip ?adress|ipaddress|location ?(latitude|longitude)|latitude|longitude"
    r"|respondent e ?mail|telefon(nummer)?|phone( number)?|mobilnummer|personnummer"
    r"|recipientemail|recipientfirstname|recipientlastname|externalreference|external reference"
    r"|externaldatareference|ipadress)$"
)


def is_identifying_header(header: str) -> bool:
    """True for columns that identify a person (e-mail, name, IP, location): never stored.

    >>> is_identifying_header("Email"), is_identifying_header("IPAddress"), is_identifying_header("R1")
    (True, True, False)
    """
    key = fold(header)
    return bool(_IDENTIFYING.match(key))


# Words that make a column personal data by meaning, Swedish and English, wherever they stand in
# the header ("Namn på kontaktperson", "Your e-mail", "Mobilnr"). Checked only for columns that
# are not an instrument item, so "Verksamhetens namn" stays the organisation's name.
_PERSONAL_WORD = re.compile(
    r"\b(?:kontaktperson\w*|kontaktuppgift\w*|contact ?(?:person|details|name|info\w*)|"
    r"personnummer|personnr|pnr|samordningsnummer|social security\w*|"
    r"e ?post\w*|mejl\w*|mail\w*|e ?mail\w*|epost\w*|"
    r"telefon\w*|tel ?nr|tfn|mobil\w*|phone\w*|cell ?phone|"
    r"f[oö]rnamn|efternamn|tilltalsnamn|fullst[aä]ndigt namn|first ?name|last ?name|surname|full ?name|"
    r"respondent\w* ?name|ip ?adr\w*|ip ?address\w*|hemadress|home address|postadress)\b"
)
_OWN_NAME = re.compile(
    r"^(?:ditt|ert|your|respondentens|respondent'?s?|uppgiftsl[aä]mnarens|ifylld av|filled in by)\b.*\bnamn"
    r"|^(?:your|respondent'?s?) name\b|^namn$|^name$"
)
_PERSON_VALUE_HINT = ("[e-post]", "[personnummer]", "[telefon]")


def names_personal_data(header: str) -> bool:
    """True when a column header means a person's contact data or name, in Swedish or English.

    >>> names_personal_data("Namn på kontaktperson"), names_personal_data("Mejladress"), names_personal_data("Roll")
    (True, True, False)
    """
    key = fold(header)
    if is_identifying_header(header) or _PERSONAL_WORD.search(key) or _OWN_NAME.search(key):
        return True
    # A header that holds an e-mail address or phone number names a person too.
    return any(tag in mask_text(header) for tag in _PERSON_VALUE_HINT)


_LONGEST_VALUE = 200


def mask_value(value: str, longest: int = _LONGEST_VALUE) -> str:
    """A value for a message, finding, log or quarantine row: masked, and cut to ``longest`` characters.

    >>> mask_value("070-123 45 67"), mask_value("x" * 300)[-3:]
    ('[telefon]', 'x…')
    """
    if len(value) > longest * 4:
        value = value[: longest * 4]  # masking needs a little context, never the whole megabyte
    value = printable(mask_text(value))
    return value if len(value) <= longest else value[: longest - 1] + "…"


def mask_text(text: str) -> str:
    """Mask personnummer, e-mail addresses and phone numbers in free text.

    >>> mask_text("Ring 070-123 45 67 eller mejla anna@example.se, pnr 19121212-1212")
    'Ring [telefon] eller mejla [e-post], pnr [personnummer]'
    """
    if not text:
        return text
    text = _EMAIL.sub("[e-post]", text)
    text = _PERSONNUMMER.sub("[personnummer]", text)
    return _PHONE.sub(_phone, text)


def _phone(match: re.Match[str]) -> str:
    found = match.group(0)
    return found if _NOT_PHONE.match(found) else "[telefon]"


_LETTERS = str.maketrans("0123456789abcdef", "ghijklmnopabcdef")


def pseudonymise(identifier: str) -> str:
    """A response id that holds personal data becomes its mask plus a stable digest in letters.

    The same id gives the same pseudonym on every import, so overlapping exports still
    deduplicate; an id without personal data is kept as it is.

    >>> pseudonymise("R_1abc"), pseudonymise("19121212-1212").startswith("[personnummer]-")
    ('R_1abc', True)
    """
    masked = mask_text(identifier)
    if masked == identifier:
        return identifier
    digest = hashlib.sha256(identifier.encode("utf-8")).hexdigest()[:12].translate(_LETTERS)
    return f"{mask_value(masked, 60)}-{digest}"
