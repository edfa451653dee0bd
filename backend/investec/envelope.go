package investec

import "context"

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

// callData sends a request (body, when not nil, as JSON) and returns the
// data of the answer's envelope. Whether it may be retried follows from
// the method, as for every request.
func callData[T any](ctx context.Context, c *Client, method, path string, body any) (T, error) {
	var zero T
	req, err := c.newRequest(ctx, method, path, body)
	if err != nil {
		return zero, err
	}
	var env envelope[T]
	if err := c.do(req, &env); err != nil {
		return zero, err
	}
	return env.Data, nil
}

// callResult is callData for the card endpoints whose data is
// {"result": ...}: it returns the result.
func callResult[T any](ctx context.Context, c *Client, method, path string, body any) (*T, error) {
	data, err := callData[resultData[T]](ctx, c, method, path, body)
	if err != nil {
		return nil, err
	}
	return &data.Result, nil
}
