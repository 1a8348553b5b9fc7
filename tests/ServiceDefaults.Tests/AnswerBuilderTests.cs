using System.Text;
using SreSuite.ServiceDefaults.Guardrails;

namespace SreSuite.ServiceDefaults.Tests;

public sealed class AnswerBuilderTests
{
    [Fact]
    public void Rows_that_do_not_fit_are_counted_with_how_to_narrow()
    {
        var answer = new AnswerBuilder(2000);
        var pods = Enumerable.Range(1, 300).Select(i => $"pod-{i:000}").ToList();

        var written = answer.AppendRows(pods, pod => $"{pod} Running 1/1 0 restarts", "pods", "pass label_selector or namespace");
        var text = answer.ToString();

        Assert.InRange(written, 10, 299);
        Assert.True(Encoding.UTF8.GetByteCount(text) <= 2000, $"{Encoding.UTF8.GetByteCount(text)} bytes");
        Assert.EndsWith($"… {300 - written} more pods; pass label_selector or namespace", text, StringComparison.Ordinal);
        Assert.True(answer.IsTruncated);
    }

    [Fact]
    public void Everything_that_fits_is_written_without_a_note()
    {
        var answer = new AnswerBuilder(8000);
        answer.AppendLine("NAME READY");
        answer.AppendRows(["a", "b"], pod => $"{pod} 1/1", "pods", "narrow");

        Assert.Equal("NAME READY\na 1/1\nb 1/1", answer.ToString());
        Assert.False(answer.IsTruncated);
    }

    [Fact]
    public void Untrusted_text_that_does_not_fit_keeps_its_tail_and_says_what_was_cut()
    {
        var answer = new AnswerBuilder(1000);
        var log = string.Join('\n', Enumerable.Range(1, 500).Select(i => $"line {i}"));

        answer.AppendUntrusted("logs of pod p", log, "pass tail_lines or grep");
        var text = answer.ToString();

        Assert.True(Encoding.UTF8.GetByteCount(text) <= 1000, $"{Encoding.UTF8.GetByteCount(text)} bytes");
        Assert.Contains("line 500\n--- end untrusted text ---", text, StringComparison.Ordinal);
        Assert.DoesNotContain("line 1\n", text, StringComparison.Ordinal);
        Assert.Matches(@"… \d+ earlier lines of logs of pod p cut to fit the answer budget; pass tail_lines or grep", text);
    }

    [Fact]
    public void Notes_added_after_the_content_is_full_still_keep_the_answer_within_budget()
    {
        var answer = new AnswerBuilder(1000);
        answer.AppendRows(Enumerable.Range(1, 100).Select(i => $"row {i:000} with some text").ToList(), row => row, "rows", "narrow");
        for (var i = 0; i < 5; i++)
            answer.Note($"note {i}: {new string('n', 80)}");

        var text = answer.ToString();
        Assert.True(Encoding.UTF8.GetByteCount(text) <= 1000, $"{Encoding.UTF8.GetByteCount(text)} bytes");
        Assert.Contains("more lines cut to fit the answer budget", text, StringComparison.Ordinal);
        Assert.EndsWith($"note 4: {new string('n', 80)}", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_required_line_too_long_for_the_budget_is_shortened_not_dropped()
    {
        var answer = new AnswerBuilder(500);
        answer.AppendLine(new string('x', 5000));

        var text = answer.ToString();
        Assert.EndsWith("…", text, StringComparison.Ordinal);
        Assert.True(Encoding.UTF8.GetByteCount(text) <= 500);
    }
}
