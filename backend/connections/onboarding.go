package connections

// ClearOnboarded forgets that the first-run screen was completed, so the
// window shows it again ("Show the welcome page again" in Settings).
func (r *Registry) ClearOnboarded() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.f.Onboarded = false
	return r.save()
}
