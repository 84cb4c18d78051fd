package shipping

var rates = []int{499, 799, 1299}

func ZoneRate(zone int) int {
	return rates[zone]
}
