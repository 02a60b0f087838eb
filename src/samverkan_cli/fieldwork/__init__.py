"""The field period: internal working lists (bortfall, brukarrevision), progress, and declaring a new wave.

Everything here is for the analyst's own follow-up and never enters the published reports: it
holds organisation names and the register's own columns, never personal data from the responses.
"""

from samverkan_cli.fieldwork.audit import audit_list
from samverkan_cli.fieldwork.nonresponse import nonresponse_list
from samverkan_cli.fieldwork.progress import FieldProgress, field_progress
from samverkan_cli.fieldwork.units import choose_wave
from samverkan_cli.fieldwork.waves import AddedWave, add_wave
from samverkan_cli.fieldwork.worklist import WorkList

__all__ = [
    "AddedWave",
    "FieldProgress",
    "WorkList",
    "add_wave",
    "audit_list",
    "choose_wave",
    "field_progress",
    "nonresponse_list",
]
