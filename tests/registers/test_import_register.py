"""Loading the national registers from their bulk files, in each register's own layout."""

import csv
import io
import re
import zipfile
from datetime import date
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from registers import services
from registers.formats import FormatError
from registers.models import Entry, Register

from .layouts import (
    CCEW_HEADER,
    CCNI_HEADER,
    COMPANIES_HEADER,
    OSCR_FORMER_HEADER,
    OSCR_HEADER,
    by_header,
    ods_row,
)

pytestmark = pytest.mark.django_db


def write(path, rows, *, header=None, delimiter=",", quoting=csv.QUOTE_MINIMAL):
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, delimiter=delimiter, quoting=quoting)
        if header:
            writer.writerow(header)
        writer.writerows(rows)
    return path


def entry(register, identifier):
    return Entry.objects.get(register=register, identifier=identifier)


def test_an_ods_file_without_a_header_loads_codes_names_addresses_and_regions(tmp_path):
    path = write(tmp_path / "etr.csv", [
        ods_row("RZZ", "EXAMPLE HOSPITALS NHS FOUNDATION TRUST", postcode="M1 1AA",
                gor="E12000002", address=("1 HOSPITAL ROAD", "MANCHESTER")),
        ods_row("RZY", "MERGED NHS TRUST", close="20230331", gor="E12000007"),
    ])
    run = services.load(Register.ODS, [path])
    assert (run.rows, run.added, run.closed) == (2, 2, 0)
    open_trust = entry(Register.ODS, "RZZ")
    assert open_trust.address == "1 HOSPITAL ROAD, MANCHESTER"
    assert (open_trust.postcode, open_trust.region, open_trust.is_open) == ("M1 1AA",
                                                                             "north-west", True)
    merged = entry(Register.ODS, "RZY")
    assert not merged.is_open and merged.closed_on == date(2023, 3, 31)
    assert merged.state_text == "Closed on 31 March 2023"


def test_the_charity_commission_extract_keeps_main_charities_and_knows_removed_ones(tmp_path):
    path = write(tmp_path / "publicextract.charity.txt", [
        by_header(CCEW_HEADER, registered_charity_number="1234567", linked_charity_number="0",
                  charity_name="EXAMPLE CHARITY", charity_registration_status="Registered",
                  charity_contact_address1="1 High Street", charity_contact_postcode="SW1A 1AA"),
        by_header(CCEW_HEADER, registered_charity_number="1234567", linked_charity_number="1",
                  charity_name="EXAMPLE CHARITY BRANCH", charity_registration_status="Registered"),
        by_header(CCEW_HEADER, registered_charity_number="200001", linked_charity_number="0",
                  charity_name="GONE CHARITY", charity_registration_status="Removed",
                  date_of_removal="2019-05-01 00:00:00"),
    ], header=CCEW_HEADER, delimiter="\t", quoting=csv.QUOTE_NONE)
    services.load(Register.CCEW, [path])
    assert entry(Register.CCEW, "1234567").name == "EXAMPLE CHARITY"
    assert entry(Register.CCEW, "1234567").address == "1 High Street"
    gone = entry(Register.CCEW, "200001")
    assert (gone.is_open, gone.closed_on) == (False, date(2019, 5, 1))
    assert Entry.objects.count() == 2


def test_scottish_current_and_former_charity_files_both_load(tmp_path):
    current = write(tmp_path / "CharityExport.csv", [
        by_header(OSCR_HEADER, **{"Charity Number": "SC000001", "Charity Name": "Open Scot",
                                  "Charity Status": "Active", "Postcode": "EH1 1AA"})],
        header=OSCR_HEADER)
    former = write(tmp_path / "FormerCharities.csv", [
        by_header(OSCR_FORMER_HEADER, **{"Charity Number": "SC000002", "Charity Name": "Old Scot",
                                         "Charity Status": "", "Ceased Date": "01/02/2020"})],
        header=OSCR_FORMER_HEADER)
    services.load(Register.OSCR, [current, former])
    assert entry(Register.OSCR, "SC000001").region == "scotland"
    old = entry(Register.OSCR, "SC000002")
    assert (old.is_open, old.closed_on, old.status) == (False, date(2020, 2, 1), "Ceased")


def test_northern_ireland_numbers_gain_the_nic_letters_and_removed_ones_close(tmp_path):
    path = write(tmp_path / "ccni.csv", [
        by_header(CCNI_HEADER, **{"Reg charity number": "100001", "Sub charity number": "0",
                                  "Charity name": "Ulster Example", "Status": "Registered",
                                  "Public address": "2 Main Street, Belfast, BT1 1AA"}),
        by_header(CCNI_HEADER, **{"Reg charity number": "100002", "Sub charity number": "0",
                                  "Charity name": "Removed Example", "Status": "Removed"}),
    ], header=CCNI_HEADER)
    services.load(Register.CCNI, [path])
    ulster = entry(Register.CCNI, "NIC100001")
    assert (ulster.postcode, ulster.region) == ("BT1 1AA", "northern-ireland")
    assert not entry(Register.CCNI, "NIC100002").is_open


def test_companies_house_headers_with_spaces_and_dissolved_companies(tmp_path):
    path = write(tmp_path / "BasicCompanyData.csv", [
        by_header(COMPANIES_HEADER, CompanyName="EXAMPLE BIOTECH LIMITED",
                  CompanyNumber="01234567", CompanyStatus="Active",
                  **{"RegAddress.AddressLine1": "3 Science Park",
                     "RegAddress.PostCode": "CB4 0AA"}),
        by_header(COMPANIES_HEADER, CompanyName="FORMER LIMITED", CompanyNumber="SC123456",
                  CompanyStatus="Dissolved", DissolutionDate="15/06/2024"),
    ], header=COMPANIES_HEADER)
    services.load(Register.COMPANIES, [path])
    assert entry(Register.COMPANIES, "01234567").postcode == "CB4 0AA"
    assert entry(Register.COMPANIES, "SC123456").closed_on == date(2024, 6, 15)


def test_loading_again_is_idempotent_and_a_refresh_counts_added_changed_and_closed(tmp_path):
    first = write(tmp_path / "one.csv", [ods_row("RA1", "ONE TRUST"), ods_row("RA2", "TWO TRUST"),
                                         ods_row("RA3", "THREE TRUST")])
    services.load(Register.ODS, [first])
    again = services.load(Register.ODS, [first])
    assert (again.added, again.changed, again.closed, again.unchanged) == (0, 0, 0, 3)

    # RA2 renamed, RA3 gone from the file, RA4 new.
    second = write(tmp_path / "two.csv", [ods_row("RA1", "ONE TRUST"),
                                          ods_row("RA2", "TWO RENAMED TRUST"),
                                          ods_row("RA4", "FOUR TRUST")])
    refresh = services.load(Register.ODS, [second])
    assert (refresh.added, refresh.changed, refresh.closed, refresh.unchanged) == (1, 1, 1, 1)
    assert entry(Register.ODS, "RA2").name == "TWO RENAMED TRUST"
    assert not entry(Register.ODS, "RA3").is_open
    assert Entry.objects.filter(register=Register.ODS).count() == 4


def test_a_partial_load_leaves_entries_it_does_not_hold_open(tmp_path):
    services.load(Register.ODS, [write(tmp_path / "a.csv", [ods_row("RB1", "B ONE")])])
    part = write(tmp_path / "b.csv", [ods_row("RB2", "B TWO")])
    run = services.load(Register.ODS, [part], complete=False)
    assert run.closed == 0 and entry(Register.ODS, "RB1").is_open


def test_another_registers_file_is_refused_with_a_reason_and_nothing_loads(tmp_path):
    ods_file = write(tmp_path / "etr.csv", [ods_row("RC1", "C ONE")])
    with pytest.raises(FormatError, match="not the Companies House file"):
        services.load(Register.COMPANIES, [ods_file])
    assert not Entry.objects.exists()


def test_a_zip_as_published_is_read_without_unpacking_it(tmp_path):
    path = tmp_path / "etr.zip"
    text = io.StringIO()
    csv.writer(text).writerow(ods_row("RD1", "ZIPPED TRUST"))
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("etr.csv", text.getvalue())
    services.load(Register.ODS, [path])
    assert entry(Register.ODS, "RD1").name == "ZIPPED TRUST"


def test_control_characters_and_huge_names_are_cleaned_not_stored(tmp_path):
    path = write(tmp_path / "etr.csv", [ods_row("RE1", "BAD\x00\x1b NAME" + "X" * 1000)])
    services.load(Register.ODS, [path])
    name = entry(Register.ODS, "RE1").name
    assert name.startswith("BAD NAME") and len(name) == 300


def test_the_command_prints_a_summary_and_says_what_is_wrong_with_a_bad_file(tmp_path, capsys):
    path = write(tmp_path / "etr.csv", [ods_row("RF1", "F ONE")])
    call_command("import_register", "ods", str(path))
    assert "1 rows read; 1 added, 0 changed, 0 closed" in capsys.readouterr().out
    latin = tmp_path / "ccni.csv"
    latin.write_bytes(",".join(CCNI_HEADER).encode() + b"\n100003,0,Caf\xe9,,Registered\n")
    with pytest.raises(CommandError, match="--encoding"):
        call_command("import_register", "ccni", str(latin))
    call_command("import_register", "ccni", str(latin), "--encoding", "cp1252")
    assert entry(Register.CCNI, "NIC100003").name == "Café"
    with pytest.raises(CommandError, match="No such file"):
        call_command("import_register", "ods", str(tmp_path / "missing.csv"))


def _big_ods_file(path, rows):
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        for n in range(rows):
            writer.writerow(ods_row(f"Z{n:07d}", f"GENERATED TRUST NUMBER {n}",
                                    postcode="M1 1AA", address=("1 GENERATED ROAD",)))
    return path


def _kilobytes(field) -> int:
    return int(re.search(rf"{field}:\s+(\d+)", Path("/proc/self/status").read_text()).group(1))


@pytest.mark.skipif(not Path("/proc/self/clear_refs").exists(), reason="needs Linux /proc")
def test_a_100000_row_file_loads_in_memory_that_does_not_grow_with_the_file(tmp_path):
    big = _big_ods_file(tmp_path / "big.csv", 100_000)
    before = _kilobytes("VmRSS")
    Path("/proc/self/clear_refs").write_text("5")  # restart the peak (VmHWM) from here
    run = services.load(Register.ODS, [big])
    grew_by = _kilobytes("VmHWM") - before
    assert run.added == 100_000 and Entry.objects.count() == 100_000
    # The file is read a batch at a time: measured 12 MB; with the whole file as one batch it
    # took 211 MB.
    assert grew_by < 40_000, f"loading 100,000 rows took {grew_by:,} kB more"
