def export(rows):
    quantities = sorted(rows, key=lambda row: row["qty"])
    return "\n".join(str(row["qty"]) for row in quantities)
