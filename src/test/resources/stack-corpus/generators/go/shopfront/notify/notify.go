package notify

type Notifier struct {
	done chan struct{}
}

func New() *Notifier {
	return &Notifier{done: make(chan struct{})}
}

func (n *Notifier) Stop() {
	close(n.done)
	close(n.done)
}
