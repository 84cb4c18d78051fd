class OutOfStock(Exception):
    pass


class SettingsError(Exception):
    pass


class RequestError(Exception):
    pass


class JobFailed(Exception):
    pass


class RetriesExhausted(Exception):
    pass
