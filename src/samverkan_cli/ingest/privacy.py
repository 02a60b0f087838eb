"""Privacy at import: identifying columns are dropped, free text is masked (SPEC 4.6)."""

from __future__ import annotations

import re

from samverkan_cli.text import fold

__all__ = ["is_identifying_header", "mask_text"]

# Swedish personnummer/samordningsnummer: (YY)YYMMDD[-+ ]?NNNN, optionally with century.
_PERSONNUMMER = re.compile(r"(?<!\d)(?:\d{2})?\d{6}\s?[-+]?\s?\d{4}(?!\d)")
# The lookbehind makes a match start only at the beginning of a word run, so long texts stay linear.
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
# Swedish phone numbers: 07x-xxx xx xx, 08-123 45 67, +46 70 123 45 67, 031-12 34 56 ...
_PHONE = re.compile(r"(?<![\w])(?:\+46|0046|0)\s?-?\s?\d{1,3}(?:\s?-?\s?\d{2,4}){2,4}(?![\w])")

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


def mask_text(text: str) -> str:
    """Mask personnummer, e-mail addresses and phone numbers in free text.

    >>> mask_text("Ring 070-123 45 67 eller mejla anna@example.se, pnr 19121212-1212")
    'Ring [telefon] eller mejla [e-post], pnr [personnummer]'
    """
    if not text:
        return text
    text = _EMAIL.sub("[e-post]", text)
    text = _PERSONNUMMER.sub("[personnummer]", text)
    return _PHONE.sub("[telefon]", text)
