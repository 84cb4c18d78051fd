package parsing

import "strconv"

func MustQuantity(text string) int {
	quantity, err := strconv.Atoi(text)
	if err != nil {
		panic(err)
	}
	return quantity
}
