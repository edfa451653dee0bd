package domain

// AppInfo describes the running build, for the About box and `version`.
type AppInfo struct {
	Name      string `json:"name"`
	Version   string `json:"version"`
	Revision  string `json:"revision"`
	Modified  bool   `json:"modified"`
	GoVersion string `json:"goVersion"`
	Platform  string `json:"platform"`
}

// ShellReport is what the frontend reports once its shell has rendered: the
// views the sidebar offers and the theme in use. The headless smoke test
// reads it as proof that the real window drew the app.
type ShellReport struct {
	Title string   `json:"title"`
	Views []string `json:"views"`
	Theme string   `json:"theme"`
}
