package app

import (
	"fmt"

	"example.com/shopfront/billing"
	"example.com/shopfront/cache"
	"example.com/shopfront/catalog"
	"example.com/shopfront/ids"
	"example.com/shopfront/inventory"
	"example.com/shopfront/notify"
	"example.com/shopfront/orders"
	"example.com/shopfront/parsing"
	"example.com/shopfront/payloads"
	"example.com/shopfront/promo"
	"example.com/shopfront/session"
	"example.com/shopfront/shipping"
	"example.com/shopfront/stats"
)

var Bugs = []string{
	"out-of-stock", "nil-customer-tier", "nil-invoice-address", "zone-rate", "average-empty", "atoi-quantity",
	"atoi-coupon", "nil-map-cache", "cart-type-assertion", "close-closed-channel", "short-id-bounds",
	"json-event", "category-cycle",
}

// Run provokes one bug; n varies the values that do not decide it.
func Run(op string, n int) interface{} {
	switch op {
	case "out-of-stock":
		inventory.New().MustReserve("sku-2", 1+n%4)
	case "nil-customer-tier":
		return orders.New().TotalOf(fmt.Sprintf("c-%d", 10+n), 10)
	case "nil-invoice-address":
		return billing.Render(fmt.Sprintf("o-%d", n))
	case "zone-rate":
		return shipping.ZoneRate(3 + n%5)
	case "average-empty":
		return stats.Average(nil)
	case "atoi-quantity":
		return parsing.MustQuantity(fmt.Sprintf("%dpcs", n))
	case "atoi-coupon":
		return promo.MustPercent(fmt.Sprintf("SAVE-ten%d", n))
	case "nil-map-cache":
		(&cache.Cache{}).Put(fmt.Sprintf("k-%d", n), "v")
	case "cart-type-assertion":
		return session.CartSize("legacy")
	case "close-closed-channel":
		notify.New().Stop()
	case "short-id-bounds":
		return ids.ShortID(fmt.Sprintf("o-%d", n))
	case "json-event":
		return payloads.MustRead(fmt.Sprintf(`{"order": %d`, n))
	case "category-cycle":
		return catalog.Depth("shoes")
	}
	panic("unknown op " + op)
}
