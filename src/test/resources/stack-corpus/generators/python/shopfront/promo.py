def percent_off(coupon):
    # Also int(): a different bug from parsing.parse_quantity.
    digits = coupon.split("-", 1)[1]
    return int(digits)
