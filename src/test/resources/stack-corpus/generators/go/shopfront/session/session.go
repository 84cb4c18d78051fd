package session

var values = map[string]interface{}{"cart:legacy": "sku-1,sku-2"}

func CartSize(session string) int {
	return values["cart:"+session].(int)
}
