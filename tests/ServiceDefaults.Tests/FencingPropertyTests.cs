using System.Globalization;
using SreSuite.ServiceDefaults.Guardrails;

namespace SreSuite.ServiceDefaults.Tests;

/// <summary>
/// For random strings from a hostile alphabet, written every way an answer takes outside text — on one line, as a
/// fence's source, as fenced rows or text, cut by the budget — no line outside a fence starts with a fence marker
/// or carries a line break from the input, and no fenced line reads as a marker (issue 22, B10).
/// </summary>
public sealed class FencingPropertyTests
{
    [Fact]
    public void Hostile_strings_never_leave_their_line_or_their_fence()
    {
        var seed = Environment.TickCount;
        var random = new Random(seed);
        for (var i = 0; i < 2000; i++)
        {
            string Hostile() => HostileStrings.Next(random);
            var answer = new AnswerBuilder(random.Next(400, 3000));
            var serverLines = 0;
            answer.AppendLine($"title: {UntrustedText.Line(Hostile())}");
            serverLines++;
            answer.AppendLine(UntrustedText.Line(Hostile()));
            serverLines++;
            var rows = Enumerable.Range(0, random.Next(0, 30)).Select(_ => Hostile()).ToList();
            answer.AppendUntrustedRows(Hostile(), rows, "rows", UntrustedText.Line(Hostile()), keepLast: random.Next(2) == 0);
            answer.AppendUntrusted(Hostile(), string.Join('\n', Enumerable.Range(0, random.Next(0, 40)).Select(_ => Hostile())), "narrow");
            answer.AppendLine($"owner: {UntrustedText.Line(Hostile(), 40)}");
            serverLines++;
            answer.Note($"note: {UntrustedText.Line(Hostile())}");
            var text = answer.ToString();

            var parsed = FencedAnswer.AssertSafe(text);
            var ours = parsed.Outside.Count(line => !line.StartsWith('…'));
            // Fewer when the budget dropped a line; more only if a line break from the input escaped.
            Assert.True(ours <= serverLines + 1, string.Create(CultureInfo.InvariantCulture, $"seed {seed}, answer {i}: {ours} server lines, at most {serverLines + 1} expected, in\n{text}"));
        }
    }
}
