package data

// OnWrite asks for fn to be called after every committed Write, on the
// writing goroutine, once the transaction is durable. The window uses it to
// send new work to HQ soon after it is saved, whichever screen saved it;
// pulls from HQ (ApplyPull) do not call it. fn must not block.
func (s *Store) OnWrite(fn func()) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.onWrite = append(s.onWrite, fn)
}

func (s *Store) wrote() {
	s.mu.Lock()
	fns := s.onWrite
	s.mu.Unlock()
	for _, fn := range fns {
		fn()
	}
}
