package stats

func Average(sizes []int) int {
	sum := 0
	for _, size := range sizes {
		sum += size
	}
	return sum / len(sizes)
}
