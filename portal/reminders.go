package portal

import (
	"context"
	"time"

	"github.com/familyportal/portal/portal/notify"
)

// SendReminders tells workers, through the notifier, about promises 2 working days or less
// from their date; each promise once. It returns how many it sent.
func (s *Server) SendReminders(ctx context.Context) (int, error) {
	cal, err := s.promises.Calendar(ctx)
	if err != nil {
		return 0, err
	}
	soon, _ := cal.Due(s.now(), 2, true)
	due, err := s.store.RemindersDue(ctx, soon)
	if err != nil {
		return 0, err
	}
	tr := s.renderer.Translator("en")
	sent := 0
	for _, r := range due {
		m := notify.Message{
			To:      r.WorkerEmail,
			Subject: tr.T("worker.reminder.subject", "Child", r.ChildRef),
			Body: tr.T("worker.reminder.body", "Rule", tr.T("worker.rule."+r.Rule), "About", r.Subject+" "+r.MemberRef,
				"Child", r.ChildRef, "Due", r.Due.Format("Monday 2 January 2006")),
		}
		if err := s.notifier.Send(ctx, m); err != nil {
			return sent, err
		}
		if err := s.store.Reminded(ctx, r.ID); err != nil {
			return sent, err
		}
		sent++
	}
	return sent, nil
}

// remindEvery sends reminders now and then every interval until ctx ends.
func (s *Server) remindEvery(ctx context.Context, interval time.Duration) {
	tick := time.NewTicker(interval)
	defer tick.Stop()
	for {
		if n, err := s.SendReminders(ctx); err != nil {
			s.log.Error("send reminders", "err", err)
		} else if n > 0 {
			s.log.Info("reminders sent", "count", n)
		}
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}
