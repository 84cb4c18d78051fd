import os

from shopfront.errors import SettingsError


def database_url():
    try:
        return os.environ["SHOPFRONT_DATABASE_URL"]
    except KeyError as e:
        raise SettingsError("database is not configured") from e
