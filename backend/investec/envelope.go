package investec

// envelope is the standard response wrapper of the PB, card and CIB
// endpoints: {"data": ..., "links": {"self": ...}, "meta": {"totalPages": n}}.
type envelope[T any] struct {
	Data  T     `json:"data"`
	Links links `json:"links"`
	Meta  meta  `json:"meta"`
}

type links struct {
	Self string `json:"self"` // null on card endpoints
}

type meta struct {
	TotalPages flexInt `json:"totalPages"`
}

// resultData is the data shape of most card endpoints: {"result": ...}.
type resultData[T any] struct {
	Result T `json:"result"`
}
