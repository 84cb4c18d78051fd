package inventory

import "fmt"

type Service struct {
	stock map[string]int
}

func New() *Service {
	return &Service{stock: map[string]int{"sku-1": 5, "sku-2": 0}}
}

func (s *Service) Reserve(sku string, quantity int) error {
	if s.stock[sku] < quantity {
		return fmt.Errorf("insufficient stock for %s: %d < %d", sku, s.stock[sku], quantity)
	}
	s.stock[sku] -= quantity
	return nil
}

// MustReserve panics on failure, as some call sites do.
func (s *Service) MustReserve(sku string, quantity int) {
	if err := s.Reserve(sku, quantity); err != nil {
		panic(err)
	}
}
