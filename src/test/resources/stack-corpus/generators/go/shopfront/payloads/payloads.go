package payloads

import "encoding/json"

type Event struct {
	Order int `json:"order"`
}

func MustRead(body string) Event {
	var event Event
	if err := json.Unmarshal([]byte(body), &event); err != nil {
		panic(err)
	}
	return event
}
