CURATORS = "Curators"


def is_curator(user) -> bool:
    return bool(user and user.is_authenticated and user.groups.filter(name=CURATORS).exists())
