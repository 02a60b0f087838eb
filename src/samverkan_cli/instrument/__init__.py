"""The codebook: schema, loading and validation of instruments."""

from samverkan_cli.instrument.loader import (
    DEFAULT_INSTRUMENT,
    default_instrument_text,
    load_instrument,
    parse_instrument,
)
from samverkan_cli.instrument.model import (
    ALL_ORG_TYPES,
    REPORT_ROLES,
    Dimension,
    Instrument,
    Item,
    Label,
    Option,
    Scale,
    Text,
)

__all__ = [
    "ALL_ORG_TYPES",
    "DEFAULT_INSTRUMENT",
    "REPORT_ROLES",
    "Dimension",
    "Instrument",
    "Item",
    "Label",
    "Option",
    "Scale",
    "Text",
    "default_instrument_text",
    "load_instrument",
    "parse_instrument",
]
