package cardcode

import (
	"sort"
	"strings"
)

// CodeName is one entry of Investec's card reference lists
// (GET /za/v1/cards/merchants, /countries and /currencies), with Investec's
// PascalCase JSON keys.
type CodeName struct {
	Code string `json:"Code"`
	Name string `json:"Name"`
}

// MerchantCategory is a merchant category code (MCC) with the slug and name
// card code sees in authorization.merchant.category.
type MerchantCategory struct {
	Code string `json:"code"` // e.g. "5462"
	Key  string `json:"key"`  // e.g. "bakeries"
	Name string `json:"name"` // e.g. "Bakeries"
}

// Country is a country as card code sees it in
// authorization.merchant.country.
type Country struct {
	Code   string `json:"code"`   // ISO 3166-1 alpha-2, e.g. "ZA"
	Alpha3 string `json:"alpha3"` // ISO 3166-1 alpha-3, e.g. "ZAF"
	Name   string `json:"name"`   // ISO 3166 English short name, e.g. "South Africa"
}

// Currency is an ISO 4217 currency.
type Currency struct {
	Code string `json:"code"` // e.g. "ZAR"
	Name string `json:"name"` // e.g. "South African Rand"
	// MinorUnits is the number of decimals of the minor unit (2 for cents;
	// 0 for currencies such as JPY).
	MinorUnits int `json:"minorUnits"`
}

// merchantCategories are the common merchant categories, with the keys
// Investec uses (the usual card-network slugs of the category names).
var merchantCategories = []MerchantCategory{
	{"4111", "commuter_transport_and_ferries", "Commuter Transport, Ferries"},
	{"4112", "passenger_railways", "Passenger Railways"},
	{"4121", "taxicabs_limousines", "Taxicabs/Limousines"},
	{"4131", "bus_lines", "Bus Lines"},
	{"4511", "airlines_air_carriers", "Airlines, Air Carriers"},
	{"4722", "travel_agencies_tour_operators", "Travel Agencies, Tour Operators"},
	{"4784", "tolls_bridge_fees", "Tolls/Bridge Fees"},
	{"4789", "transportation_services", "Transportation Services (Not Elsewhere Classified)"},
	{"4812", "telecommunication_equipment_and_telephone_sales", "Telecommunication Equipment and Telephone Sales"},
	{"4814", "telecommunication_services", "Telecommunication Services"},
	{"4829", "wires_money_orders", "Wires, Money Orders"},
	{"4899", "cable_satellite_and_other_pay_television_and_radio", "Cable, Satellite, and Other Pay Television and Radio"},
	{"4900", "utilities", "Utilities"},
	{"5200", "home_supply_warehouse_stores", "Home Supply Warehouse Stores"},
	{"5211", "lumber_building_materials_stores", "Lumber, Building Materials Stores"},
	{"5251", "hardware_stores", "Hardware Stores"},
	{"5300", "wholesale_clubs", "Wholesale Clubs"},
	{"5310", "discount_stores", "Discount Stores"},
	{"5311", "department_stores", "Department Stores"},
	{"5331", "variety_stores", "Variety Stores"},
	{"5399", "miscellaneous_general_merchandise", "Miscellaneous General Merchandise"},
	{"5411", "grocery_stores_supermarkets", "Grocery Stores, Supermarkets"},
	{"5441", "candy_nut_and_confectionery_stores", "Candy, Nut, and Confectionery Stores"},
	{"5451", "dairy_products_stores", "Dairy Products Stores"},
	{"5462", "bakeries", "Bakeries"},
	{"5499", "miscellaneous_food_stores", "Miscellaneous Food Stores - Convenience Stores and Specialty Markets"},
	{"5533", "automotive_parts_and_accessories_stores", "Automotive Parts and Accessories Stores"},
	{"5541", "service_stations", "Service Stations"},
	{"5542", "automated_fuel_dispensers", "Automated Fuel Dispensers"},
	{"5651", "family_clothing_stores", "Family Clothing Stores"},
	{"5661", "shoe_stores", "Shoe Stores"},
	{"5691", "mens_womens_clothing_stores", "Mens, Womens Clothing Stores"},
	{"5699", "miscellaneous_apparel_and_accessory_shops", "Miscellaneous Apparel and Accessory Shops"},
	{"5712", "furniture_home_furnishings_and_equipment_stores_except_appliances", "Furniture, Home Furnishings, and Equipment Stores, Except Appliances"},
	{"5722", "household_appliance_stores", "Household Appliance Stores"},
	{"5732", "electronics_stores", "Electronics Stores"},
	{"5734", "computer_software_stores", "Computer Software Stores"},
	{"5735", "record_stores", "Record Stores"},
	{"5811", "caterers", "Caterers"},
	{"5812", "eating_places_restaurants", "Eating Places, Restaurants"},
	{"5813", "drinking_places", "Drinking Places"},
	{"5814", "fast_food_restaurants", "Fast Food Restaurants"},
	{"5912", "drug_stores_and_pharmacies", "Drug Stores and Pharmacies"},
	{"5921", "package_stores_beer_wine_and_liquor", "Package Stores-Beer, Wine, and Liquor"},
	{"5933", "pawn_shops", "Pawn Shops"},
	{"5941", "sporting_goods_stores", "Sporting Goods Stores"},
	{"5942", "book_stores", "Book Stores"},
	{"5943", "stationery_stores_office_and_school_supply_stores", "Stationery Stores, Office, and School Supply Stores"},
	{"5944", "jewelry_stores_watches_clocks_and_silverware_stores", "Jewelry Stores, Watches, Clocks, and Silverware Stores"},
	{"5945", "hobby_toy_and_game_shops", "Hobby, Toy, and Game Shops"},
	{"5947", "gift_card_novelty_and_souvenir_shops", "Gift, Card, Novelty, and Souvenir Shops"},
	{"5964", "direct_marketing_catalog_merchant", "Direct Marketing - Catalog Merchant"},
	{"5968", "direct_marketing_subscription", "Direct Marketing - Subscription"},
	{"5969", "direct_marketing_other", "Direct Marketing - Other"},
	{"5977", "cosmetic_stores", "Cosmetic Stores"},
	{"5992", "florists", "Florists"},
	{"5993", "cigar_stores_and_stands", "Cigar Stores and Stands"},
	{"5995", "pet_shops_pet_food_and_supplies", "Pet Shops, Pet Food, and Supplies"},
	{"5999", "miscellaneous_specialty_retail", "Miscellaneous Specialty Retail"},
	{"6010", "manual_cash_disburse", "Manual Cash Disburse"},
	{"6011", "automated_cash_disburse", "Automated Cash Disburse"},
	{"6012", "financial_institutions", "Financial Institutions"},
	{"6051", "non_fi_money_orders", "Non-FI, Money Orders"},
	{"6211", "security_brokers_dealers", "Security Brokers/Dealers"},
	{"6300", "insurance_underwriting_premiums", "Insurance Underwriting, Premiums"},
	{"6540", "non_fi_stored_value_card_purchase_load", "Non-FI, Stored Value Card Purchase/Load"},
	{"7011", "hotels_motels_and_resorts", "Hotels, Motels, and Resorts"},
	{"7230", "barber_and_beauty_shops", "Barber and Beauty Shops"},
	{"7273", "dating_escort_services", "Dating/Escort Services"},
	{"7298", "health_and_beauty_spas", "Health and Beauty Spas"},
	{"7299", "miscellaneous_general_services", "Miscellaneous General Services"},
	{"7311", "advertising_services", "Advertising Services"},
	{"7372", "computer_programming", "Computer Programming"},
	{"7399", "miscellaneous_business_services", "Miscellaneous Business Services"},
	{"7512", "car_rental_agencies", "Car Rental Agencies"},
	{"7523", "parking_lots_garages", "Parking Lots, Garages"},
	{"7538", "auto_service_shops", "Auto Service Shops"},
	{"7542", "car_washes", "Car Washes"},
	{"7832", "motion_picture_theaters", "Motion Picture Theaters"},
	{"7922", "theatrical_ticket_agencies", "Theatrical Ticket Agencies"},
	{"7941", "sports_clubs_fields", "Sports Clubs/Fields"},
	{"7991", "tourist_attractions_and_exhibits", "Tourist Attractions and Exhibits"},
	{"7992", "golf_courses_public", "Golf Courses - Public"},
	{"7994", "video_game_arcades", "Video Game Arcades"},
	{"7995", "betting_casino_gambling", "Betting/Casino Gambling"},
	{"7996", "amusement_parks_carnivals", "Amusement Parks/Carnivals"},
	{"7997", "country_clubs", "Country Clubs"},
	{"7999", "miscellaneous_recreation_services", "Miscellaneous Recreation Services"},
	{"8011", "doctors", "Doctors"},
	{"8021", "dentists_orthodontists", "Dentists, Orthodontists"},
	{"8043", "opticians_eyeglasses", "Opticians, Eyeglasses"},
	{"8062", "hospitals", "Hospitals"},
	{"8099", "medical_services", "Medical Services"},
	{"8211", "elementary_secondary_schools", "Elementary, Secondary Schools"},
	{"8220", "colleges_universities", "Colleges, Universities"},
	{"8299", "educational_services", "Educational Services"},
	{"8398", "charitable_and_social_service_organizations_fundraising", "Charitable and Social Service Organizations - Fundraising"},
	{"8661", "religious_organizations", "Religious Organizations"},
	{"8999", "professional_services", "Professional Services"},
	{"9311", "tax_payments_government_agencies", "Tax Payments - Government Agencies"},
	{"9399", "government_services", "Government Services (Not Elsewhere Classified)"},
	{"9402", "postal_services_government_only", "Postal Services - Government Only"},
}

// countries are the countries most often seen on South African cards, in
// ISO 3166 English short names (as Investec's list writes them, e.g.
// "United Kingdom of Great Britain and Northern Ireland (the)"). South Africa
// comes first, then the rest by name.
var countries = []Country{
	{"ZA", "ZAF", "South Africa"},
	{"AO", "AGO", "Angola"},
	{"AR", "ARG", "Argentina"},
	{"AU", "AUS", "Australia"},
	{"AT", "AUT", "Austria"},
	{"BE", "BEL", "Belgium"},
	{"BW", "BWA", "Botswana"},
	{"BR", "BRA", "Brazil"},
	{"CA", "CAN", "Canada"},
	{"CL", "CHL", "Chile"},
	{"CN", "CHN", "China"},
	{"HR", "HRV", "Croatia"},
	{"CY", "CYP", "Cyprus"},
	{"CZ", "CZE", "Czechia"},
	{"DK", "DNK", "Denmark"},
	{"EG", "EGY", "Egypt"},
	{"SZ", "SWZ", "Eswatini"},
	{"FI", "FIN", "Finland"},
	{"FR", "FRA", "France"},
	{"DE", "DEU", "Germany"},
	{"GH", "GHA", "Ghana"},
	{"GR", "GRC", "Greece"},
	{"HK", "HKG", "Hong Kong"},
	{"HU", "HUN", "Hungary"},
	{"IS", "ISL", "Iceland"},
	{"IN", "IND", "India"},
	{"ID", "IDN", "Indonesia"},
	{"IE", "IRL", "Ireland"},
	{"IL", "ISR", "Israel"},
	{"IT", "ITA", "Italy"},
	{"JP", "JPN", "Japan"},
	{"KE", "KEN", "Kenya"},
	{"KR", "KOR", "Korea (the Republic of)"},
	{"LS", "LSO", "Lesotho"},
	{"LU", "LUX", "Luxembourg"},
	{"MG", "MDG", "Madagascar"},
	{"MW", "MWI", "Malawi"},
	{"MY", "MYS", "Malaysia"},
	{"MT", "MLT", "Malta"},
	{"MU", "MUS", "Mauritius"},
	{"MX", "MEX", "Mexico"},
	{"MA", "MAR", "Morocco"},
	{"MZ", "MOZ", "Mozambique"},
	{"NA", "NAM", "Namibia"},
	{"NL", "NLD", "Netherlands (the)"},
	{"NZ", "NZL", "New Zealand"},
	{"NG", "NGA", "Nigeria"},
	{"NO", "NOR", "Norway"},
	{"PH", "PHL", "Philippines (the)"},
	{"PL", "POL", "Poland"},
	{"PT", "PRT", "Portugal"},
	{"QA", "QAT", "Qatar"},
	{"RU", "RUS", "Russian Federation (the)"},
	{"SA", "SAU", "Saudi Arabia"},
	{"SC", "SYC", "Seychelles"},
	{"SG", "SGP", "Singapore"},
	{"ES", "ESP", "Spain"},
	{"SE", "SWE", "Sweden"},
	{"CH", "CHE", "Switzerland"},
	{"TZ", "TZA", "Tanzania, the United Republic of"},
	{"TH", "THA", "Thailand"},
	{"TR", "TUR", "Türkiye"},
	{"UG", "UGA", "Uganda"},
	{"AE", "ARE", "United Arab Emirates (the)"},
	{"GB", "GBR", "United Kingdom of Great Britain and Northern Ireland (the)"},
	{"US", "USA", "United States of America (the)"},
	{"VN", "VNM", "Viet Nam"},
	{"ZM", "ZMB", "Zambia"},
	{"ZW", "ZWE", "Zimbabwe"},
}

// currencies lead with the four Investec's own list starts with, then the
// rest by code.
var currencies = []Currency{
	{"ZAR", "South African Rand", 2},
	{"GBP", "British Pound", 2},
	{"USD", "United States Dollar", 2},
	{"EUR", "Euro", 2},
	{"AED", "UAE Dirham", 2},
	{"AUD", "Australian Dollar", 2},
	{"BWP", "Botswana Pula", 2},
	{"CAD", "Canadian Dollar", 2},
	{"CHF", "Swiss Franc", 2},
	{"CNY", "Chinese Yuan Renminbi", 2},
	{"DKK", "Danish Krone", 2},
	{"HKD", "Hong Kong Dollar", 2},
	{"INR", "Indian Rupee", 2},
	{"JPY", "Japanese Yen", 0},
	{"KES", "Kenyan Shilling", 2},
	{"LSL", "Lesotho Loti", 2},
	{"MUR", "Mauritian Rupee", 2},
	{"MZN", "Mozambican Metical", 2},
	{"NAD", "Namibian Dollar", 2},
	{"NGN", "Nigerian Naira", 2},
	{"NOK", "Norwegian Krone", 2},
	{"NZD", "New Zealand Dollar", 2},
	{"SEK", "Swedish Krona", 2},
	{"SGD", "Singapore Dollar", 2},
	{"SZL", "Swazi Lilangeni", 2},
	{"THB", "Thai Baht", 2},
	{"ZMW", "Zambian Kwacha", 2},
}

var (
	categoryByCode = map[string]MerchantCategory{}
	countryByCode  = map[string]Country{}
	currencyByCode = map[string]Currency{}
)

func init() {
	for _, c := range merchantCategories {
		categoryByCode[c.Code] = c
	}
	for _, c := range countries {
		countryByCode[c.Code] = c
	}
	for _, c := range currencies {
		currencyByCode[c.Code] = c
	}
}

// MerchantCategories returns the merchant categories the emulator knows,
// ordered by name as Investec's list is. The slice is a copy.
func MerchantCategories() []MerchantCategory {
	out := append([]MerchantCategory(nil), merchantCategories...)
	sort.SliceStable(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// LookupMerchantCategory returns the category of a merchant category code
// such as "5462" (leading zeros and spaces are ignored).
func LookupMerchantCategory(code string) (MerchantCategory, bool) {
	code = strings.TrimSpace(code)
	if trimmed := strings.TrimLeft(code, "0"); trimmed != "" {
		code = trimmed
	}
	c, ok := categoryByCode[code]
	return c, ok
}

// Countries returns the countries the emulator knows, South Africa first.
// The slice is a copy.
func Countries() []Country { return append([]Country(nil), countries...) }

// LookupCountry returns the country with an ISO alpha-2 code, in any case.
func LookupCountry(alpha2 string) (Country, bool) {
	c, ok := countryByCode[strings.ToUpper(strings.TrimSpace(alpha2))]
	return c, ok
}

// Currencies returns the currencies the emulator knows, ZAR first. The
// slice is a copy.
func Currencies() []Currency { return append([]Currency(nil), currencies...) }

// LookupCurrency returns the currency with an ISO 4217 code, in any case.
func LookupCurrency(code string) (Currency, bool) {
	c, ok := currencyByCode[strings.ToUpper(strings.TrimSpace(code))]
	return c, ok
}

// MerchantCodeNames returns the body of GET /za/v1/cards/merchants: every
// merchant category as {Code, Name}, ordered by name.
func MerchantCodeNames() []CodeName {
	cats := MerchantCategories()
	out := make([]CodeName, len(cats))
	for i, c := range cats {
		out[i] = CodeName{Code: c.Code, Name: c.Name}
	}
	return out
}

// CountryCodeNames returns the body of GET /za/v1/cards/countries: every
// country as {Code, Name} with its alpha-2 code.
func CountryCodeNames() []CodeName {
	out := make([]CodeName, len(countries))
	for i, c := range countries {
		out[i] = CodeName{Code: c.Code, Name: c.Name}
	}
	return out
}

// CurrencyCodeNames returns the body of GET /za/v1/cards/currencies: every
// currency as {Code, Name}.
func CurrencyCodeNames() []CodeName {
	out := make([]CodeName, len(currencies))
	for i, c := range currencies {
		out[i] = CodeName{Code: c.Code, Name: c.Name}
	}
	return out
}
