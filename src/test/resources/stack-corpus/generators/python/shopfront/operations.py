from shopfront import (billing, cart, catalog, clients, importers, orders, parsing, payloads, pricing, promo,
                       reports, settings, shipping, stats)

BUGS = [
    "out-of-stock", "settings-missing", "average-empty", "int-quantity", "int-coupon", "none-customer-tier",
    "none-invoice-address", "json-event", "inventory-refused", "gateway-refused", "strptime-date", "zone-rate",
    "merge-type", "normalize-none", "report-missing-qty", "category-cycle", "decimal-zero", "csv-ascii",
]


def run(op, n, closed_port):
    if op == "out-of-stock":
        return orders.place(f"o-{n}", "sku-2", 1 + n % 4)
    if op == "settings-missing":
        return settings.database_url()
    if op == "average-empty":
        return stats.average([])
    if op == "int-quantity":
        return parsing.parse_quantity(f"{n}pcs")
    if op == "int-coupon":
        return promo.percent_off("SAVE-" + "ten" * (1 + n % 2))
    if op == "none-customer-tier":
        return orders.total_of(f"c-{10 + n}", 10)
    if op == "none-invoice-address":
        return billing.render(f"o-{n}")
    if op == "json-event":
        return payloads.read_event('{"order": ' + str(n))
    if op == "inventory-refused":
        return clients.inventory_ping(closed_port)
    if op == "gateway-refused":
        return clients.gateway_open(closed_port)
    if op == "strptime-date":
        return shipping.requested_date(f"2026-{13 + n % 5}-01")
    if op == "zone-rate":
        return shipping.zone_rate(3 + n % 5)
    if op == "merge-type":
        return cart.merge(f"sku-{n}", n)
    if op == "normalize-none":
        return cart.normalize([f" sku-{n}", None])
    if op == "report-missing-qty":
        return reports.export([{"qty": n}, {"sku": f"sku-{n}"}])
    if op == "category-cycle":
        return catalog.depth("shoes")
    if op == "decimal-zero":
        return pricing.unit_price(10 + n, 0)
    if op == "csv-ascii":
        return importers.read_csv(f"sku-{n};caf\u00e9".encode("utf-8"))
    raise AssertionError(op)
