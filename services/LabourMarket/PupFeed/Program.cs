using PupFeed.Cli;

// Not disposed: ProcessExit fires after Main returns, and cancelling a disposed source aborted the
// process with exit code 134 after a successful send (found by the end-to-end load test).
var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.Cancel();
return await FeedApp.RunAsync(args, Console.Out, Console.Error, stop.Token);
