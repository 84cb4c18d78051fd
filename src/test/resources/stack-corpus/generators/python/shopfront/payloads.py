import json


def read_event(body):
    event = json.loads(body)
    return event["order"]
