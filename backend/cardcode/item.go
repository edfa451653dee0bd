package cardcode

// ExecutionItem is an Execution in the JSON shape of Investec's execution
// items, as returned by POST /za/v1/cards/{cardKey}/code/execute (in
// data.result) and GET .../code/executions. Note the capital E of "Error".
type ExecutionItem struct {
	ExecutionID           string        `json:"executionId"`
	RootCodeFunctionID    string        `json:"rootCodeFunctionId"`
	Sandbox               bool          `json:"sandbox"`
	Type                  ExecutionType `json:"type"`
	AuthorizationApproved *bool         `json:"authorizationApproved"` // null except for before_transaction
	Logs                  []ItemLog     `json:"logs"`
	SMSCount              int           `json:"smsCount"`
	EmailCount            int           `json:"emailCount"`
	PushNotificationCount int           `json:"pushNotificationCount"`
	CreatedAt             string        `json:"createdAt"`
	StartedAt             string        `json:"startedAt"`
	CompletedAt           string        `json:"completedAt"`
	UpdatedAt             string        `json:"updatedAt"`
	Error                 *string       `json:"Error"` // null when the run succeeded
}

// ItemLog is a log line of an ExecutionItem.
type ItemLog struct {
	CreatedAt string   `json:"createdAt"`
	Level     LogLevel `json:"level"`
	Content   string   `json:"content"`
}

// Item returns e as an Investec execution item. rootCodeFunctionID
// identifies the code that ran (Investec's rootCodeFunctionId; the sandbox
// can pass the saved code's ID). Timestamps are UTC with milliseconds;
// createdAt and updatedAt are the start time, as in Investec's examples. The
// emulator sends no SMS, e-mail or push notifications, so those counts are 0.
func (e Execution) Item(rootCodeFunctionID string) ExecutionItem {
	it := ExecutionItem{
		ExecutionID:        e.ID,
		RootCodeFunctionID: rootCodeFunctionID,
		Sandbox:            e.Sandbox,
		Type:               e.Type,
		Logs:               make([]ItemLog, len(e.Logs)),
		CreatedAt:          formatTime(e.StartedAt),
		StartedAt:          formatTime(e.StartedAt),
		CompletedAt:        formatTime(e.CompletedAt),
		UpdatedAt:          formatTime(e.StartedAt),
	}
	if e.Type == TypeBeforeTransaction && e.Approved != nil {
		approved := *e.Approved
		it.AuthorizationApproved = &approved
	}
	for i, l := range e.Logs {
		it.Logs[i] = ItemLog{CreatedAt: formatTime(l.CreatedAt), Level: l.Level, Content: l.Content}
	}
	if e.Error != "" {
		msg := e.Error
		it.Error = &msg
	}
	return it
}

// Items converts executions to Investec execution items, all with the same
// rootCodeFunctionID.
func Items(execs []Execution, rootCodeFunctionID string) []ExecutionItem {
	out := make([]ExecutionItem, len(execs))
	for i, e := range execs {
		out[i] = e.Item(rootCodeFunctionID)
	}
	return out
}
