package catalog

var parents = map[string]string{"shoes": "apparel", "apparel": "shoes"}

func Depth(category string) int {
	parent, ok := parents[category]
	if !ok {
		return 0
	}
	return 1 + Depth(parent)
}
