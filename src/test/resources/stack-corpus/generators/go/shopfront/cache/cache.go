package cache

type Cache struct {
	values map[string]string
}

func (c *Cache) Put(key, value string) {
	c.values[key] = value
}
