package billing

type Address struct {
	Street string
}

var addresses = map[string]*Address{}

func Render(orderID string) string {
	address := addresses[orderID]
	return "Invoice " + orderID + " to " + address.Street
}
