package promo

import (
	"strconv"
	"strings"
)

// MustPercent fails like parsing.MustQuantity, in other code: another bug.
func MustPercent(coupon string) int {
	digits := coupon[strings.Index(coupon, "-")+1:]
	percent, err := strconv.Atoi(digits)
	if err != nil {
		panic(err)
	}
	return percent
}
