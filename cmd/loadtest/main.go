// Command loadtest signs in many family clients on a running portal, each with its own
// one-time code, and has them read a family page for a while; it prints requests per second,
// latency percentiles and errors. It only talks to the address it is given: use a server on
// 127.0.0.1 (see .ci/load-family).
package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"regexp"
	"slices"
	"strings"
	"sync"
	"time"
)

func main() {
	base := flag.String("url", "http://127.0.0.1:18182", "the portal, on this machine")
	codesFile := flag.String("codes", "", "a file of one-time codes, one per line (as portal invite prints them)")
	path := flag.String("path", "/children/C-1001/parent/F-1", "the page each client reads")
	clients := flag.Int("c", 200, "how many signed-in clients at once")
	duration := flag.Duration("d", 30*time.Second, "how long to read for")
	think := flag.Duration("think", 0, "average pause between one client's requests, random so clients do not move in step (0: as fast as the server answers)")
	flag.Parse()
	if u, err := url.Parse(*base); err != nil || (u.Hostname() != "127.0.0.1" && u.Hostname() != "localhost" && u.Hostname() != "::1") {
		fmt.Fprintln(os.Stderr, "loadtest: only a server on this machine (127.0.0.1) may be loaded")
		os.Exit(2)
	}
	codes, err := readCodes(*codesFile)
	if err != nil || len(codes) < *clients {
		fmt.Fprintf(os.Stderr, "loadtest: need %d codes in %s (%v)\n", *clients, *codesFile, err)
		os.Exit(2)
	}
	transport := &http.Transport{MaxIdleConnsPerHost: *clients, MaxConnsPerHost: *clients}
	signedIn := make([]*http.Client, *clients)
	for i := range signedIn {
		c, err := signIn(transport, *base, codes[i], i)
		if err != nil {
			fmt.Fprintf(os.Stderr, "loadtest: client %d could not sign in: %v\n", i, err)
			os.Exit(1)
		}
		signedIn[i] = c
	}
	fmt.Printf("%d clients signed in; reading %s for %s (think time %s)\n", *clients, *path, *duration, *think)

	var mu sync.Mutex
	var latencies []time.Duration
	errors := 0
	deadline := time.Now().Add(*duration)
	var wg sync.WaitGroup
	for _, c := range signedIn {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var mine []time.Duration
			bad := 0
			if *think > 0 {
				time.Sleep(rand.N(*think)) // people do not all start at once
			}
			for time.Now().Before(deadline) {
				start := time.Now()
				res, err := c.Get(*base + *path)
				if err == nil {
					io.Copy(io.Discard, res.Body)
					res.Body.Close()
				}
				if err != nil || res.StatusCode != http.StatusOK {
					bad++
				} else {
					mine = append(mine, time.Since(start))
				}
				if *think > 0 {
					time.Sleep(time.Duration(rand.ExpFloat64() * float64(*think)))
				}
			}
			mu.Lock()
			latencies = append(latencies, mine...)
			errors += bad
			mu.Unlock()
		}()
	}
	wg.Wait()
	slices.Sort(latencies)
	pct := func(p float64) time.Duration {
		if len(latencies) == 0 {
			return 0
		}
		return latencies[min(len(latencies)-1, int(p*float64(len(latencies))))]
	}
	fmt.Printf("requests: %d ok, %d errors; %.0f requests/s\n", len(latencies), errors, float64(len(latencies))/duration.Seconds())
	fmt.Printf("latency: p50 %s, p90 %s, p99 %s, max %s\n", pct(0.50).Round(10*time.Microsecond), pct(0.90).Round(10*time.Microsecond), pct(0.99).Round(10*time.Microsecond), pct(1).Round(10*time.Microsecond))
}

func readCodes(name string) ([]string, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var codes []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if fields := strings.Fields(sc.Text()); len(fields) > 0 {
			codes = append(codes, fields[0])
		}
	}
	return codes, sc.Err()
}

var csrfField = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

// signIn signs one client in with a code, as a family member on their own phone would. Each
// client says (through X-Forwarded-For, to a server started with --trust-proxy) that it is at
// its own documentation-range address, as 200 families would be.
func signIn(transport *http.Transport, base, code string, n int) (*http.Client, error) {
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, Transport: transport, Timeout: 30 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := c.Get(base + "/sign-in")
	if err != nil {
		return nil, err
	}
	page, _ := io.ReadAll(res.Body)
	res.Body.Close()
	m := csrfField.FindSubmatch(page)
	if m == nil {
		return nil, fmt.Errorf("no CSRF token on the sign-in page")
	}
	form := url.Values{"code": {code}, "csrf": {string(m[1])}}
	req, _ := http.NewRequest(http.MethodPost, base+"/sign-in", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("X-Forwarded-For", fmt.Sprintf("203.0.%d.%d", 113+n/250, n%250+1))
	res, err = c.Do(req)
	if err != nil {
		return nil, err
	}
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther {
		return nil, fmt.Errorf("sign-in answered %s", res.Status)
	}
	return c, nil
}
