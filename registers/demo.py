"""Sample rows of the national registers, in each register's file layout, for the demo: public
identifiers and names only (shared/SEED-FACTS.md; the two ODS codes were looked up in public
lists of NHS trusts). A real deployment loads the full files (README)."""

from pathlib import Path

from . import services
from .models import Entry, Register

SAMPLES = Path(__file__).resolve().parent / "samples"
FILES = [(Register.ODS, "etr.csv"), (Register.CCEW, "publicextract.charity.txt"),
         (Register.OSCR, "CharityExport.csv"), (Register.COMPANIES, "BasicCompanyData.csv")]


def seed():
    before = Entry.objects.count()
    for register, name in FILES:
        if not services.loaded(register):
            # Partial: samples must never close entries a real load added.
            services.load(register, [SAMPLES / name], complete=False)
    return Entry.objects.count() - before
