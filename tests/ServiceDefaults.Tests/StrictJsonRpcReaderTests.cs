using System.Text;
using SreSuite.ServiceDefaults.Transport;

namespace SreSuite.ServiceDefaults.Tests;

/// <summary>The strict reader every request passes first (issue 22, B1–B4): what it refuses, and what it still reads for the audit.</summary>
public sealed class StrictJsonRpcReaderTests
{
    private static InspectedRequest Inspect(string json) => StrictJsonRpcReader.Inspect(Encoding.UTF8.GetBytes(json));

    private static InspectedRequest Inspect(byte[] body) => StrictJsonRpcReader.Inspect(body);

    [Fact]
    public void A_well_formed_tool_call_passes_with_its_method_id_tool_and_arguments()
    {
        var request = Inspect("""{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"k8s_scale","arguments":{"replicas":4,"deep":{"a":[1,{"b":2}]}}}}""");

        Assert.Null(request.Problem);
        var message = Assert.Single(request.Messages);
        Assert.Equal("tools/call", message.Method);
        Assert.Equal("7", message.IdJson);
        Assert.Equal("k8s_scale", message.Target);
        Assert.Equal("""{"replicas":4,"deep":{"a":[1,{"b":2}]}}""", Encoding.UTF8.GetString(message.ArgumentsJson.Span));
    }

    [Theory]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"k8s_scale","arguments":{"replicas":4,"replicas":4}}}""", -32602, "duplicate key 'replicas' in params.arguments")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"a","name":"k8s_scale","arguments":{}}}""", -32602, "duplicate key 'name' in params")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"a","arguments":{},"arguments":{"x":1}}}""", -32602, "duplicate key 'arguments' in params")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"tools/list","method":"tools/call","params":{"name":"a"}}""", -32600, "duplicate key 'method'")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"a","arguments":{"x":{"y":[{"z":1,"z":2}]}}}}""", -32602, "duplicate key 'z' in params.arguments.x")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"a","arguments":{"replicas":1,"\u0072eplicas":9}}}""", -32602, "duplicate key 'replicas'")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"a","Name":"k8s_scale"}}""", -32602, "duplicate key 'Name' in params")]
    public void Duplicate_keys_at_any_depth_are_refused_naming_the_key(string json, int code, string named)
    {
        var request = Inspect(json);

        Assert.Equal(code, request.Problem?.Code);
        Assert.Contains(named, request.Problem!.Message, StringComparison.Ordinal);
        Assert.Equal("tools/call", Assert.Single(request.Messages).Method);
    }

    [Theory]
    [InlineData("""{"x":"\ud800"}""", "a lone surrogate (\\ud800)")]
    [InlineData("""{"x":"ok \udc00 after"}""", "a lone surrogate (\\udc00)")]
    [InlineData("""{"x":"\ud800\u0041"}""", "a lone surrogate (\\ud800)")]
    [InlineData("""{"x\ud800":1}""", "a lone surrogate (\\ud800)")]
    public void Escaped_lone_surrogates_are_refused(string arguments, string named)
    {
        var request = Inspect($$$"""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"k8s_context","arguments":{{{arguments}}}}}""");

        Assert.Equal(-32602, request.Problem?.Code);
        Assert.Contains(named, request.Problem!.Message, StringComparison.Ordinal);
        Assert.Equal("k8s_context", request.Messages[0].Target);
    }

    [Fact]
    public void A_surrogate_pair_is_accepted()
    {
        Assert.Null(Inspect("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"a","arguments":{"x":"\ud83d\ude00 and 😀"}}}""").Problem);
    }

    [Theory]
    [InlineData(new byte[] { 0xFF })]
    [InlineData(new byte[] { 0xC3 })]
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 })] // a surrogate encoded directly in UTF-8
    [InlineData(new byte[] { 0xC0, 0xAF })] // overlong '/'
    public void Invalid_utf8_in_an_argument_value_is_refused(byte[] bad)
    {
        var body = Encoding.UTF8.GetBytes("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"k8s_scale\",\"arguments\":{\"name\":\"web")
            .Concat(bad).Concat(Encoding.UTF8.GetBytes("\",\"replicas\":4}}}")).ToArray();

        var request = Inspect(body);

        Assert.Equal(-32602, request.Problem?.Code);
        Assert.Contains("a string in params.arguments.name contains invalid UTF-8", request.Problem!.Message, StringComparison.Ordinal);
        Assert.Equal("k8s_scale", request.Messages[0].Target);
    }

    [Fact]
    public void Invalid_utf8_in_the_tool_name_is_refused_and_the_name_still_read_for_the_audit()
    {
        var body = Encoding.UTF8.GetBytes("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"k8s")
            .Concat(new byte[] { 0xFE }).Concat(Encoding.UTF8.GetBytes("""_scale","arguments":{}}}""")).ToArray();

        var request = Inspect(body);

        Assert.Equal(-32602, request.Problem?.Code);
        Assert.Contains("params.name contains invalid UTF-8", request.Problem!.Message, StringComparison.Ordinal);
        Assert.Equal("tools/call", request.Messages[0].Method);
        Assert.StartsWith("k8s", request.Messages[0].Target, StringComparison.Ordinal);
    }

    [Fact]
    public void An_escaped_method_is_read_unescaped()
    {
        var request = Inspect("""{"jsonrpc":"2.0","id":"a","method":"tools\u002fcall","params":{"name":"k8s_context"}}""");

        Assert.Null(request.Problem);
        Assert.Equal("tools/call", request.Messages[0].Method);
        Assert.Equal("\"a\"", request.Messages[0].IdJson);
    }

    [Fact]
    public void The_method_is_read_when_it_comes_after_params()
    {
        var request = Inspect($$$"""{"jsonrpc":"2.0","params":{"name":"k8s_context","arguments":{"pad":"{{{new string('x', 100_000)}}}"}},"id":3,"method":"tools/call"}""");

        Assert.Null(request.Problem);
        Assert.Equal("tools/call", request.Messages[0].Method);
        Assert.Equal("k8s_context", request.Messages[0].Target);
    }

    [Theory]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":[1,2]}""", -32602, "params must be an object, got an array")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"tools/list","params":"x"}""", -32602, "params must be an object, got a string")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"tools/call"}""", -32602, "params are required")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":42}}""", -32602, "name must be the tool's name as a string, got a number")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"a","arguments":"x"}}""", -32602, "arguments must be an object of named arguments, got a string")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"resources/read","params":{}}""", -32602, "uri must be a string")]
    [InlineData("""[{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"a"}}]""", -32600, "batches are not supported")]
    [InlineData("\"tools/call\"", -32600, "must be an object, got a string")]
    [InlineData("""{"jsonrpc":"2.0","method":"tools/call","params":{"name":"a"}}""", -32600, "tools/call is a request and needs an id")]
    [InlineData("""{"jsonrpc":"2.0","id":null,"method":"tools/call","params":{"name":"a"}}""", -32600, "id must be a string or a number, got null")]
    [InlineData("""{"jsonrpc":"2.0","id":{"a":1},"method":"tools/list"}""", -32600, "id must be a string or a number, got an object")]
    [InlineData("", -32600, "the body is empty")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":""", -32700, "not valid JSON")]
    public void Malformed_envelopes_are_refused_naming_the_problem(string json, int code, string named)
    {
        var request = Inspect(json);

        Assert.Equal(code, request.Problem?.Code);
        Assert.Contains(named, request.Problem!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deep_nesting_is_refused_and_the_method_read_before_it_kept()
    {
        var request = Inspect("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"a","arguments":""" + string.Concat(Enumerable.Repeat("{\"a\":", 200)) + "1" + new string('}', 203));

        Assert.Equal(-32700, request.Problem?.Code);
        Assert.Contains("deeper than 64", request.Problem!.Message, StringComparison.Ordinal);
        Assert.Equal("tools/call", request.Messages[0].Method);
    }

    [Fact]
    public void Every_tool_call_of_a_batch_is_known_to_the_audit()
    {
        var request = Inspect("""[{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"a"}},{"jsonrpc":"2.0","id":2,"method":"tools/list"},{"jsonrpc":"2.0","id":3,"method":"resources/read","params":{"uri":"runbook://x"}}]""");

        Assert.True(request.IsBatch);
        Assert.Equal(["a", "runbook://x"], request.Audited.Select(message => message.Target));
    }

    [Fact]
    public void Unreadable_bodies_are_told_apart_from_refused_tool_calls()
    {
        Assert.True(Inspect("this is not json").IsUnreadable);
        Assert.False(Inspect("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"a",""").IsUnreadable);
    }
}
