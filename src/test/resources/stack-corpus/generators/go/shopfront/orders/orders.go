package orders

type Customer struct {
	Tier string
}

type Service struct {
	customers map[string]*Customer
}

func New() *Service {
	return &Service{customers: map[string]*Customer{"c-1": {Tier: "gold"}}}
}

func (s *Service) TotalOf(customerID string, amount float64) float64 {
	customer := s.customers[customerID]
	if customer.Tier == "gold" {
		return amount * 0.9
	}
	return amount
}
