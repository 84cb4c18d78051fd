// Command shopfront provokes one bug of app.Bugs through one entry point and lets Go report it as it does in
// production: an unrecovered panic (main goroutine, a worker goroutine or a timer) crashes the process with a
// goroutine dump; a panic in an HTTP handler is recovered by net/http and logged with the goroutine's stack.
package main

import (
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"strconv"
	"sync"
	"time"

	"example.com/shopfront/app"
)

func main() {
	op, entry := os.Args[1], os.Args[2]
	n, _ := strconv.Atoi(os.Args[3])
	switch entry {
	case "cli":
		runCommand(op, n)
	case "worker":
		startWorkers(op, n)
	case "job":
		scheduleJob(op, n)
	case "http":
		serveOnce(op, n)
	}
}

func runCommand(op string, n int) {
	fmt.Println(app.Run(op, n))
}

func startWorkers(op string, n int) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		process(op, n)
	}()
	wg.Wait()
}

func process(op string, n int) {
	app.Run(op, n)
}

func scheduleJob(op string, n int) {
	done := make(chan struct{})
	time.AfterFunc(time.Millisecond, func() {
		app.Run(op, n)
		close(done)
	})
	<-done
}

type orderHandler struct {
	op string
	n  int
}

func (h orderHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	fmt.Fprint(w, app.Run(h.op, h.n))
}

func serveOnce(op string, n int) {
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		log.Fatal(err)
	}
	server := &http.Server{Handler: orderHandler{op, n}, ErrorLog: log.New(os.Stderr, "", 0)}
	go server.Serve(listener)
	response, err := http.Get("http://" + listener.Addr().String() + "/api/orders/" + strconv.Itoa(n))
	if err == nil {
		response.Body.Close()
	}
	time.Sleep(20 * time.Millisecond)
}
