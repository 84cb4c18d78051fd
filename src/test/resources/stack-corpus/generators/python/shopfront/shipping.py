from datetime import datetime

RATES = [499, 799, 1299]


def requested_date(text):
    return datetime.strptime(text, "%Y-%m-%d").date()


def zone_rate(zone):
    return RATES[zone]
