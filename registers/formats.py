"""The bulk files each register publishes, read one row at a time.

Column layouts, from each register's published description of its download:
- NHS ODS "standard" files (etr.csv for trusts and the like): no header row, 27 columns, of which
  0 organisation code, 1 name, 4-8 address lines, 9 postcode, 10 open date, 11 close date
  (YYYYMMDD) and 23 the Government Office Region code.
- Charity Commission for England and Wales, publicextract.charity.txt: tab-separated, a header
  row of field names (registered_charity_number, linked_charity_number, charity_name,
  charity_registration_status, date_of_removal, charity_contact_address1-5,
  charity_contact_postcode, …). Linked charities share the main number: only the main row
  (linked_charity_number 0) is the charity.
- Scottish Charity Regulator, charity register and former charities downloads: CSV with a header
  ("Charity Number", "Charity Name", "Charity Status", "Postcode", "Principal Office/Trustees
  Address", and in the former charities file "Ceased Date").
- Charity Commission for Northern Ireland register export: CSV with a header ("Reg charity
  number" without the NIC letters, "Sub charity number", "Charity name", "Status", "Public
  address"); a removed charity has the status Removed.
- Companies House basic company data: CSV with a header (CompanyName, CompanyNumber,
  RegAddress.AddressLine1, …, RegAddress.PostCode, CompanyStatus, DissolutionDate dd/mm/yyyy);
  some header names start with a space.
"""

import csv
import io
import re
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from .models import Register

# Names and addresses longer than this are cut: no register's own limits come near them.
MAX_NAME = 300
MAX_ADDRESS = 500


class FormatError(Exception):
    """The file is not the register's file: said in words a person can act on."""


@dataclass(frozen=True, slots=True)
class Row:
    identifier: str
    name: str
    address: str = ""
    postcode: str = ""
    region: str = ""
    status: str = ""
    is_open: bool = True
    closed_on: date | None = None


# ONS codes of the English regions and the nations, as ODS gives them; anything else leaves the
# region for the person to choose.
ONS_REGIONS = {
    "E12000001": "north-east", "E12000002": "north-west", "E12000003": "yorkshire",
    "E12000004": "east-midlands", "E12000005": "west-midlands", "E12000006": "east",
    "E12000007": "london", "E12000008": "south-east", "E12000009": "south-west",
    "W92000004": "wales", "S92000003": "scotland", "N92000002": "northern-ireland",
}

POSTCODE = re.compile(r"[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}", re.IGNORECASE)


def _text(value) -> str:
    # Control characters never belong in a name or address; whitespace runs become one space.
    return " ".join("".join(ch if ch.isprintable() else " " for ch in (value or "")).split())


def _identifier(value) -> str:
    return re.sub(r"\s+", "", value or "").upper()


def _address(*parts) -> str:
    return ", ".join(p for p in (_text(part) for part in parts) if p)[:MAX_ADDRESS]


def _date(value) -> date | None:
    value = (value or "").strip()
    for fmt, length in (("%Y%m%d", 8), ("%Y-%m-%d", 10), ("%d/%m/%Y", 10)):
        try:
            return datetime.strptime(value[:length], fmt).date()
        except ValueError:
            continue
    return None


def _require(header, needed, register):
    missing = [name for name in needed if name not in header]
    if missing:
        label = Register(register).label
        raise FormatError(f"This is not the {label} file: it has no column "
                          f"{', '.join(repr(m) for m in missing)}")


def _dict_rows(handle, register, needed, **options) -> Iterator[dict]:
    reader = csv.reader(handle, **options)
    try:
        header = [name.strip() for name in next(reader)]
    except StopIteration:
        return
    _require(header, needed, register)
    for values in reader:
        if values:
            yield dict(zip(header, values, strict=False))


def ods(handle) -> Iterator[Row]:
    for values in csv.reader(handle):
        if not values:
            continue
        if len(values) < 12:
            raise FormatError("This is not an NHS ODS file: its rows have fewer than the 12 "
                              "columns an ODS file starts with (code, name, …, close date)")
        closed_on = _date(values[11])
        yield Row(
            identifier=_identifier(values[0]), name=_text(values[1])[:MAX_NAME],
            address=_address(*values[4:9]), postcode=_text(values[9]).upper(),
            region=ONS_REGIONS.get(values[23].strip(), "") if len(values) > 23 else "",
            status="Closed" if closed_on else "Open",
            is_open=closed_on is None or closed_on > date.today(), closed_on=closed_on)


def ccew(handle) -> Iterator[Row]:
    needed = ["registered_charity_number", "linked_charity_number", "charity_name",
              "charity_registration_status"]
    for row in _dict_rows(handle, Register.CCEW, needed, delimiter="\t", quoting=csv.QUOTE_NONE):
        if (row.get("linked_charity_number") or "0").strip() not in {"0", ""}:
            continue
        status = _text(row.get("charity_registration_status"))
        removed_on = _date(row.get("date_of_removal"))
        yield Row(
            identifier=_identifier(row["registered_charity_number"]),
            name=_text(row["charity_name"])[:MAX_NAME],
            address=_address(*(row.get(f"charity_contact_address{n}") for n in range(1, 6))),
            postcode=_text(row.get("charity_contact_postcode")).upper(),
            status=status, is_open=status.lower() != "removed" and removed_on is None,
            closed_on=removed_on)


def oscr(handle) -> Iterator[Row]:
    needed = ["Charity Number", "Charity Name", "Charity Status"]
    for row in _dict_rows(handle, Register.OSCR, needed):
        status = _text(row.get("Charity Status"))
        ceased_on = _date(row.get("Ceased Date"))
        yield Row(
            identifier=_identifier(row["Charity Number"]),
            name=_text(row["Charity Name"])[:MAX_NAME],
            address=_address(row.get("Principal Office/Trustees Address")),
            postcode=_text(row.get("Postcode")).upper(), region="scotland",
            status=status or ("Ceased" if ceased_on else ""),
            is_open=ceased_on is None and status.lower() not in {"removed", "ceased"},
            closed_on=ceased_on)


def ccni(handle) -> Iterator[Row]:
    needed = ["Reg charity number", "Charity name", "Status"]
    for row in _dict_rows(handle, Register.CCNI, needed):
        if (row.get("Sub charity number") or "0").strip() not in {"0", ""}:
            continue
        number = _identifier(row["Reg charity number"])
        if number.isdigit():
            number = f"NIC{number}"
        address = _address(row.get("Public address"))
        last = address.rsplit(",", 1)[-1].strip()
        status = _text(row.get("Status"))
        yield Row(
            identifier=number, name=_text(row["Charity name"])[:MAX_NAME], address=address,
            postcode=last.upper() if POSTCODE.fullmatch(last) else "",
            region="northern-ireland", status=status, is_open=status.lower() != "removed")


def companies(handle) -> Iterator[Row]:
    needed = ["CompanyName", "CompanyNumber", "CompanyStatus"]
    for row in _dict_rows(handle, Register.COMPANIES, needed):
        status = _text(row.get("CompanyStatus"))
        dissolved_on = _date(row.get("DissolutionDate"))
        yield Row(
            identifier=_identifier(row["CompanyNumber"]),
            name=_text(row["CompanyName"])[:MAX_NAME],
            address=_address(*(row.get(f"RegAddress.{part}") for part in (
                "CareOf", "POBox", "AddressLine1", "AddressLine2", "PostTown", "County"))),
            postcode=_text(row.get("RegAddress.PostCode")).upper(),
            status=status,
            is_open=dissolved_on is None and "dissolved" not in status.lower(),
            closed_on=dissolved_on)


READERS = {Register.ODS: ods, Register.CCEW: ccew, Register.OSCR: oscr, Register.CCNI: ccni,
           Register.COMPANIES: companies}


@contextmanager
def open_text(path, encoding="utf-8-sig"):
    """A text stream of the file, or of the one data file inside a .zip, read as it is needed:
    a register's file is never held in memory whole."""
    path = Path(path)
    if path.suffix.lower() == ".zip":
        with zipfile.ZipFile(path) as archive:
            members = [m for m in archive.namelist()
                       if m.lower().endswith((".csv", ".txt")) and not m.endswith("/")]
            if len(members) != 1:
                raise FormatError(f"{path.name} should hold one .csv or .txt file; it holds "
                                  f"{len(members)}")
            with archive.open(members[0]) as raw:
                yield io.TextIOWrapper(raw, encoding=encoding, newline="")
    else:
        with path.open(encoding=encoding, newline="") as handle:
            yield handle
