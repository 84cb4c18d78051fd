package ids

func ShortID(id string) string {
	return id[:12]
}
