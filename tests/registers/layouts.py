"""Each register's bulk-file columns, in their published order (see registers/formats.py for
where each comes from). The tests write files in these layouts; sample files sit in files/."""

ODS_COLUMNS = 27  # no header row

CCEW_HEADER = [
    "organisation_number", "registered_charity_number", "linked_charity_number", "charity_name",
    "charity_type", "charity_registration_status", "date_of_registration", "date_of_removal",
    "charity_reporting_status", "latest_acc_fin_period_start_date",
    "latest_acc_fin_period_end_date", "latest_income", "latest_expenditure",
    "charity_contact_address1", "charity_contact_address2", "charity_contact_address3",
    "charity_contact_address4", "charity_contact_address5", "charity_contact_postcode",
    "charity_contact_phone", "charity_contact_email", "charity_contact_web",
    "charity_company_registration_number", "charity_insolvent", "charity_in_administration",
    "charity_previously_excepted", "charity_is_cdf_or_cif", "charity_is_cio", "cio_is_dissolved",
    "date_cio_dissolution_notice", "charity_activities", "charity_gift_aid", "charity_has_land",
]

OSCR_HEADER = [
    "Charity Number", "Charity Name", "Registered Date", "Known As", "Charity Status", "Notes",
    "Postcode", "Constitutional Form", "Previous Constitutional Form 1", "Geographical Spread",
    "Main Operating Location", "Purposes", "Beneficiaries", "Activities", "Objectives",
    "Principal Office/Trustees Address", "Website", "Most recent year income",
    "Most recent year expenditure", "Mailing cycle", "Year End", "Date annual return received",
    "Next year end date", "Donations and legacies income", "Charitable activities income",
    "Other trading activities income", "Investments income", "Other income",
    "Raising funds spending", "Charitable activities spending", "Other spending",
    "Parent charity name", "Parent charity number", "Parent charity country of registration",
    "Designated religious body", "Regulatory Type",
]
OSCR_FORMER_HEADER = [*OSCR_HEADER[:3], "Ceased Date", "Reason for Removal", *OSCR_HEADER[3:]]

CCNI_HEADER = [
    "Reg charity number", "Sub charity number", "Charity name", "Date registered", "Status",
    "Date for financial year ending", "Total income", "Total spending", "Charitable spending",
    "Income generation and governance", "Retained for future use", "Public address", "Website",
    "Email", "Telephone", "Company number", "What the charity does", "Who the charity helps",
    "How the charity works",
]

# As the file gives it: some names start with a space.
COMPANIES_HEADER = [
    "CompanyName", " CompanyNumber", "RegAddress.CareOf", "RegAddress.POBox",
    "RegAddress.AddressLine1", " RegAddress.AddressLine2", "RegAddress.PostTown",
    "RegAddress.County", "RegAddress.Country", "RegAddress.PostCode", "CompanyCategory",
    "CompanyStatus", "CountryOfOrigin", "DissolutionDate", "IncorporationDate",
    "Accounts.AccountRefDay", "Accounts.AccountRefMonth", "Accounts.NextDueDate",
    "Accounts.LastMadeUpDate", "Accounts.AccountCategory", "Returns.NextDueDate",
    "Returns.LastMadeUpDate", "Mortgages.NumMortCharges", "Mortgages.NumMortOutstanding",
    "Mortgages.NumMortPartSatisfied", "Mortgages.NumMortSatisfied", "SICCode.SicText_1",
    "SICCode.SicText_2", "SICCode.SicText_3", "SICCode.SicText_4",
    "LimitedPartnerships.NumGenPartners", "LimitedPartnerships.NumLimPartners", "URI",
    *[f"PreviousName_{n}.{part}" for n in range(1, 11) for part in ("CONDATE", "CompanyName")],
    "ConfStmtNextDueDate", "ConfStmtLastMadeUpDate",
]


def ods_row(code, name, *, postcode="", opened="", close="", gor="", address=("",)):
    row = [""] * ODS_COLUMNS
    row[0], row[1], row[9], row[10], row[11], row[23] = code, name, postcode, opened, close, gor
    for i, line in enumerate(address[:5]):
        row[4 + i] = line
    return row


def by_header(header, **values):
    stripped = [h.strip() for h in header]
    row = [""] * len(header)
    for name, value in values.items():
        row[stripped.index(name)] = value
    return row
