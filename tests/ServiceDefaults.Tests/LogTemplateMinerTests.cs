using SreSuite.ServiceDefaults.Logs;

namespace SreSuite.ServiceDefaults.Tests;

public sealed class LogTemplateMinerTests
{
    [Theory]
    [InlineData("GET /v1/orders/8a3f9c21 took 12.5ms", "GET /v1/orders/<hex> took <num>ms")]
    [InlineData("request 550e8400-e29b-41d4-a716-446655440000 done", "request <uuid> done")]
    [InlineData("connect to 10.244.3.17:8080 refused", "connect to <ip> refused")]
    [InlineData("at 2026-12-06T19:00:01.123Z started", "at <ts> started")]
    [InlineData("retry 3/5 in 0x1f ms", "retry <num>/<num> in <hex> ms")]
    public void Masks_numbers_hex_ids_uuids_ips_and_timestamps(string line, string masked) =>
        Assert.Equal(masked, LogTemplateMiner.Mask(line));

    [Theory]
    [InlineData("java.lang.NullPointerException: Cannot invoke \"String.length()\" because \"s\" is null", LogSeverity.Error)]
    [InlineData("Exception in thread \"main\" java.lang.OutOfMemoryError: Java heap space", LogSeverity.Error)]
    [InlineData("ValueError: invalid literal for int() with base 10: 'abc'", LogSeverity.Error)]
    [InlineData("System.InvalidOperationException: Sequence contains no elements", LogSeverity.Error)]
    [InlineData("[INFO] 10.0.0.1:5353 - 1234 \"A IN svc.cluster.local. udp 40 false 512\" NOERROR qr,aa,rd 97 0.0001s", LogSeverity.Other)]
    [InlineData("request done isError=false status=200", LogSeverity.Other)]
    public void Exception_and_error_class_names_are_errors(string line, LogSeverity severity) =>
        Assert.Equal(severity, LogTemplateMiner.SeverityOf(line));

    [Fact]
    public void Two_hundred_request_lines_with_their_own_ids_become_one_template()
    {
        var miner = new LogTemplateMiner();
        var random = new Random(7);
        for (var i = 0; i < 200; i++)
            miner.Add($"info: Request finished GET /api/items request_id={random.Next():x8}{random.Next():x8} status=200 in {random.Next(1, 90)}ms", DateTimeOffset.UnixEpoch.AddSeconds(i));

        var template = Assert.Single(miner.Templates);
        Assert.Equal(200, template.Count);
        Assert.Equal(LogSeverity.Other, template.Severity);
        Assert.Equal(DateTimeOffset.UnixEpoch, template.First);
        Assert.Equal(DateTimeOffset.UnixEpoch.AddSeconds(199), template.Last);
        Assert.Equal(0, template.FirstLine);
        Assert.Equal(199, template.LastLine);
    }

    [Fact]
    public void Distinct_errors_stay_distinct_with_one_verbatim_example_each()
    {
        var miner = new LogTemplateMiner();
        miner.Add("info: starting worker 1");
        miner.Add("fail: connection refused to ledger-service 10.0.0.7:8080");
        miner.Add("info: starting worker 2");
        miner.Add("fail: missing required setting PAYMENTS_PROCESSOR_URL");
        miner.Add("fail: connection refused to ledger-service 10.0.0.8:8080");
        miner.Add("warn: retrying configuration provider in 1s (attempt 2/5)");

        var errors = miner.Templates.Where(t => t.Severity == LogSeverity.Error).ToList();
        Assert.Equal(2, errors.Count);
        Assert.Equal("fail: connection refused to ledger-service 10.0.0.7:8080", errors[0].Example);
        Assert.Equal(2, errors[0].Count);
        Assert.Equal("fail: missing required setting PAYMENTS_PROCESSOR_URL", errors[1].Example);
        Assert.Single(miner.Templates, t => t.Severity == LogSeverity.Warning);
        Assert.Equal(2, Assert.Single(miner.Templates, t => t.Text == "info: starting worker <num>").Count);
    }

    [Fact]
    public void Lines_that_differ_in_words_become_separate_templates()
    {
        var miner = new LogTemplateMiner();
        miner.Add("user alice logged in from web");
        miner.Add("user bob logged in from web");
        miner.Add("disk almost full on volume data");

        Assert.Equal(2, miner.Templates.Count);
        Assert.Equal("user <*> logged in from web", miner.Templates[0].Text);
    }

    private static LogTemplateMiner Mine(IEnumerable<string> lines)
    {
        var miner = new LogTemplateMiner();
        foreach (var line in lines)
            miner.Add(line);
        return miner;
    }

    [Fact]
    public void Health_probes_and_each_api_route_stay_apart_while_their_ids_and_timings_collapse()
    {
        var random = new Random(3);
        var lines = new List<string>();
        for (var i = 0; i < 120; i++)
        {
            lines.Add($"info: Microsoft.AspNetCore.Hosting.Diagnostics[2] Request finished HTTP/1.1 GET http://10.244.4.{random.Next(2, 250)}:8080/healthz - 200 - text/plain {random.Next(1, 3)}.{random.Next(100, 999)}ms");
            if (i % 3 == 0)
                lines.Add($"info: Microsoft.AspNetCore.Hosting.Diagnostics[2] Request finished HTTP/1.1 GET /v1/orders/{random.Next(1000, 99999)} - 200 - application/json {random.Next(5, 90)}.{random.Next(0, 9)}ms request_id={Guid.NewGuid():N}");
            if (i % 4 == 0)
                lines.Add($"info: Microsoft.AspNetCore.Hosting.Diagnostics[2] Request finished HTTP/1.1 POST /v1/orders/{random.Next(1000, 99999)} - 201 - application/json {random.Next(5, 90)}.{random.Next(0, 9)}ms request_id={Guid.NewGuid():N}");
            if (i % 5 == 0)
                lines.Add($"info: Microsoft.AspNetCore.Hosting.Diagnostics[2] Request finished HTTP/1.1 GET /v1/items - 200 - application/json {random.Next(5, 90)}.{random.Next(0, 9)}ms request_id={Guid.NewGuid()}");
        }

        // The short form the brief names: 3 of 4 tokens alike, still two templates.
        lines.Add("GET /healthz 200 1ms");
        lines.Add("GET /api/v1/orders 200 15ms");
        lines.Add("GET /healthz 200 2ms");

        var miner = Mine(lines);

        Assert.Equal(
            [
                "info: Microsoft.AspNetCore.Hosting.Diagnostics[<num>] Request finished HTTP/<num> GET http://<ip>/healthz - <num> - text/plain <num>ms",
                "info: Microsoft.AspNetCore.Hosting.Diagnostics[<num>] Request finished HTTP/<num> GET /v1/orders/<num> - <num> - application/json <num>ms request_id=<hex>",
                "info: Microsoft.AspNetCore.Hosting.Diagnostics[<num>] Request finished HTTP/<num> POST /v1/orders/<num> - <num> - application/json <num>ms request_id=<hex>",
                "info: Microsoft.AspNetCore.Hosting.Diagnostics[<num>] Request finished HTTP/<num> GET /v1/items - <num> - application/json <num>ms request_id=<uuid>",
                "GET /healthz <num> <num>ms",
                "GET /api/v1/orders <num> <num>ms",
            ],
            miner.Templates.Select(t => t.Text));
        Assert.Equal([120, 40, 30, 24, 2, 1], miner.Templates.Select(t => t.Count));
    }

    [Fact]
    public void Nginx_access_lines_keep_method_and_path_and_let_client_addresses_and_sizes_vary()
    {
        var miner = Mine(
        [
            "10.0.0.12 - - [06/Dec/2026:19:00:01 +0000] \"GET /healthz HTTP/1.1\" 200 2 \"-\" \"kube-probe/1.30\"",
            "10.0.0.14 - alice [06/Dec/2026:19:00:02 +0000] \"GET /healthz HTTP/1.1\" 200 2 \"-\" \"kube-probe/1.30\"",
            "172.16.4.9 - - [06/Dec/2026:19:00:02 +0000] \"GET /static/app.js HTTP/1.1\" 200 48213 \"https://shop.example.com/\" \"Mozilla/5.0\"",
            "172.16.4.9 - - [06/Dec/2026:19:00:03 +0000] \"POST /static/app.js HTTP/1.1\" 405 157 \"https://shop.example.com/\" \"Mozilla/5.0\"",
            "172.16.4.11 - - [06/Dec/2026:19:00:04 +0000] \"GET /static/app.js HTTP/1.1\" 304 0 \"https://shop.example.com/\" \"Mozilla/5.0\"",
        ]);

        Assert.Equal(
            [
                "<ip> - <*> [<num>/Dec/<num>:<ts> <num>] \"GET /healthz HTTP/<num>\" <num> <num> \"-\" \"kube-probe/<num>\"",
                "<ip> - - [<num>/Dec/<num>:<ts> <num>] \"GET /static/app.js HTTP/<num>\" <num> <num> \"https://shop.example.com/\" \"Mozilla/<num>\"",
                "<ip> - - [<num>/Dec/<num>:<ts> <num>] \"POST /static/app.js HTTP/<num>\" <num> <num> \"https://shop.example.com/\" \"Mozilla/<num>\"",
            ],
            miner.Templates.Select(t => t.Text));
        Assert.Equal([2, 2, 1], miner.Templates.Select(t => t.Count));
    }

    [Fact]
    public void Each_frame_of_a_java_stack_trace_stays_its_own_template_and_repeats_are_counted()
    {
        string[] trace =
        [
            "ERROR 1 --- [nio-8080-exec-3] o.a.c.c.C.[.[.[/].[dispatcherServlet] : Servlet.service() threw exception",
            "java.lang.NullPointerException: Cannot invoke \"com.shop.cart.Cart.total()\" because \"cart\" is null",
            "\tat com.shop.cart.CartService.checkout(CartService.java:87)",
            "\tat com.shop.cart.CartController.post(CartController.java:41)",
            "\tat jdk.internal.reflect.GeneratedMethodAccessor112.invoke(Unknown Source)",
            "\t... 48 common frames omitted",
        ];
        var miner = Mine([.. trace, .. trace.Select(l => l.Replace("exec-3", "exec-7", StringComparison.Ordinal)), .. trace]);

        Assert.Equal(6, miner.Templates.Count);
        Assert.All(miner.Templates, t => Assert.Equal(3, t.Count));
        Assert.Equal("at com.shop.cart.CartService.checkout(CartService.java:<num>)", miner.Templates[2].Text);
        Assert.Equal("at jdk.internal.reflect.GeneratedMethodAccessor112.invoke(Unknown Source)", miner.Templates[4].Text);
        Assert.Equal(LogSeverity.Error, miner.Templates[0].Severity);
    }

    [Fact]
    public void Json_lines_vary_in_values_but_not_in_keys_routes_or_severity()
    {
        var miner = Mine(
        [
            """{"ts":"2026-12-06T19:00:01Z","level":"info","msg":"request","method":"GET","path":"/v1/carts/41","status":200,"user":"alice","trace_id":"4bf92f3577b34da6a3ce929d0e0e4736"}""",
            """{"ts":"2026-12-06T19:00:02Z","level":"info","msg":"request","method":"GET","path":"/v1/carts/97","status":200,"user":"bob","trace_id":"00f067aa0ba902b7a3ce929d0e0e4736"}""",
            """{"ts":"2026-12-06T19:00:02Z","level":"info","msg":"request","method":"GET","path":"/healthz","status":200,"user":"kubelet","trace_id":"a3ce929d0e0e473600f067aa0ba902b7"}""",
            """{"ts":"2026-12-06T19:00:03Z","level":"error","msg":"request","method":"GET","path":"/v1/carts/12","status":500,"user":"carol","trace_id":"b7a3ce929d0e0e4736a3ce929d0e0e47"}""",
            """{"ts":"2026-12-06T19:00:04Z","level":"info","msg":"request","method":"GET","path":"/v1/carts/8","status":200,"tenant":"acme","trace_id":"0e0e4736a3ce929d0e0e4736a3ce929d"}""",
        ]);

        Assert.Equal(
            [
                """{"ts":"<ts>", "level":"info", "msg":"request", "method":"GET", "path":"/v1/carts/<num>", "status":<num>, "user":<*>, "trace_id":"<hex>"}""",
                """{"ts":"<ts>", "level":"info", "msg":"request", "method":"GET", "path":"/healthz", "status":<num>, "user":"kubelet", "trace_id":"<hex>"}""",
                """{"ts":"<ts>", "level":"error", "msg":"request", "method":"GET", "path":"/v1/carts/<num>", "status":<num>, "user":"carol", "trace_id":"<hex>"}""",
                """{"ts":"<ts>", "level":"info", "msg":"request", "method":"GET", "path":"/v1/carts/<num>", "status":<num>, "tenant":"acme", "trace_id":"<hex>"}""",
            ],
            miner.Templates.Select(t => t.Text));
        Assert.Equal(LogSeverity.Error, miner.Templates[2].Severity);
        Assert.Equal([2, 1, 1, 1], miner.Templates.Select(t => t.Count));
    }

    [Fact]
    public void Logfmt_keys_stay_and_their_plain_values_become_wildcards()
    {
        var miner = Mine(
        [
            "level=INFO msg=request method=POST path=/v1/postings status=201 duration=14ms client=payouts-worker",
            "level=INFO msg=request method=POST path=/v1/postings status=201 duration=6ms client=billing-portal",
            "level=INFO msg=request method=GET path=/v1/accounts/balance status=200 duration=8ms client=billing-portal",
            "level=ERROR msg=request method=POST path=/v1/postings status=500 duration=3ms client=billing-portal",
        ]);

        Assert.Equal(
            [
                "level=INFO msg=request method=POST path=/v1/postings status=<num> duration=<num>ms client=<*>",
                "level=INFO msg=request method=GET path=/v1/accounts/balance status=<num> duration=<num>ms client=billing-portal",
                "level=ERROR msg=request method=POST path=/v1/postings status=<num> duration=<num>ms client=billing-portal",
            ],
            miner.Templates.Select(t => t.Text));
    }
}
