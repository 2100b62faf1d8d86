using System;
using System.Diagnostics;
using System.Globalization;
using Defender365Typed.KqlFrontEnd;

namespace Defender365Typed.KqlEngine;

/// <summary>
/// The time and row budgets of one evaluation (<see cref="EngineOptions.Timeout"/>, <see cref="EngineOptions.MaxWorkingRows"/>).
/// Row-producing loops call <see cref="Tick"/>; every operator's result is counted with <see cref="CountRows"/>. Going
/// over either budget throws a <see cref="KqlEngineException"/> naming the option, so a query never hangs or exhausts memory.
/// </summary>
internal sealed class EvaluationBudget
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly EngineOptions _options;
    private readonly string _text;
    private long _ticks;

    public EvaluationBudget(EngineOptions options, string text)
    {
        _options = options;
        _text = text;
    }

    /// <summary>One unit of work (a produced or examined row); checks the clock every 4,096 units.</summary>
    public void Tick(KqlSyntaxNode at)
    {
        if ((++_ticks & 4095) == 0)
        {
            CheckTime(at);
        }
    }

    public void CheckTime(KqlSyntaxNode at)
    {
        if (_clock.Elapsed > _options.Timeout)
        {
            throw new KqlEngineException(
                $"The query ran longer than its time budget of {_options.Timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s (EngineOptions.Timeout).",
                _text, at.Start, at.Length);
        }
    }

    /// <summary>Throws when a table being built holds more than <see cref="EngineOptions.MaxWorkingRows"/> rows.</summary>
    public void CountRows(int rows, KqlSyntaxNode at)
    {
        if (rows > _options.MaxWorkingRows)
        {
            throw new KqlEngineException(
                $"The query built a table of more than {_options.MaxWorkingRows.ToString(CultureInfo.InvariantCulture)} rows, its row budget (EngineOptions.MaxWorkingRows).",
                _text, at.Start, at.Length);
        }

        CheckTime(at);
    }
}
