package portal

import (
	"context"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"
)

type healthReply struct {
	Status   string `json:"status"`
	Database string `json:"database"`
}

// health answers 200 when the database answers a query, 503 when it does not; for load
// balancers and monitoring.
func (s *Server) health(c echo.Context) error {
	ctx, cancel := context.WithTimeout(c.Request().Context(), 2*time.Second)
	defer cancel()
	c.Response().Header().Set("Cache-Control", "no-store")
	if err := s.store.Ping(ctx); err != nil {
		s.log.Error("health check: database does not answer", "err", err)
		return c.JSON(http.StatusServiceUnavailable, healthReply{Status: "unavailable", Database: "not answering"})
	}
	return c.JSON(http.StatusOK, healthReply{Status: "ok", Database: "ok"})
}
