"""Registry identifiers of studies, each checked with a message that names the format."""

from organisations.identifiers import IdentifierFormat

validate_nct = IdentifierFormat(r"NCT\d{8}", "Enter a ClinicalTrials.gov number: NCT and 8 digits, "
                                              "like NCT05722886")
validate_isrctn = IdentifierFormat(r"ISRCTN\d{8}", "Enter an ISRCTN: ISRCTN and 8 digits, like "
                                                   "ISRCTN12345678")
validate_eudract = IdentifierFormat(r"\d{4}-\d{6}-\d{2}", "Enter a EudraCT number as "
                                                          "YYYY-NNNNNN-CC, like 2021-003391-14")
validate_ctis = IdentifierFormat(r"\d{4}-\d{6}-\d{2}-\d{2}", "Enter an EU CTIS number as "
                                                             "YYYY-NNNNNN-CC-NN, like "
                                                             "2023-501234-12-00")
validate_iras = IdentifierFormat(r"\d{6,7}", "Enter an IRAS ID of 6 or 7 digits, like 1004057")
validate_cpms = IdentifierFormat(r"\d{1,7}", "Enter an NIHR CPMS ID of up to 7 digits, like 52726")

FIELDS = {
    "nct_id": validate_nct, "isrctn": validate_isrctn, "eudract": validate_eudract,
    "ctis": validate_ctis, "iras_id": validate_iras, "cpms_id": validate_cpms,
}
