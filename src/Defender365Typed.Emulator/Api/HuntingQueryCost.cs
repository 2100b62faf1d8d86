using System;
using System.Collections.Generic;
using Defender365Typed.KqlEngine;
using Defender365Typed.KqlFrontEnd;

namespace Defender365Typed.Emulator.Api;

/// <summary>
/// The cost model of one evaluated query, a table source that records what the query reads: every table the engine
/// fetches adds its rows once, and the modelled time is <c>CpuPerQuery + rows read × operators × CpuPerRowOperator</c>,
/// where operators is 1 (the scan) plus the pipes of the query text. Deterministic: the same query over the same tables
/// always costs the same, whatever the machine. Once the modelled time passes the request timeout, the next fetch stops
/// the evaluation (<see cref="TimedOut"/>), as the service cancels a query at its timeout.
/// </summary>
internal sealed class HuntingQueryCost : ITableSource
{
    private readonly ITableSource _inner;
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);
    private readonly int _operators;
    private readonly TimeSpan _perQuery;
    private readonly TimeSpan _perRowOperator;
    private readonly TimeSpan? _timeout;

    public HuntingQueryCost(ITableSource inner, string query, EmulatorHuntingLimits limits)
    {
        _inner = inner;
        _operators = 1 + Pipes(query);
        _perQuery = limits.CpuPerQuery;
        _perRowOperator = limits.CpuPerRowOperator;
        _timeout = limits.RequestTimeout;
    }

    /// <summary>Rows of the tables read so far (each table once).</summary>
    public long RowsRead { get; private set; }

    /// <summary>The tabular operators the model charges per row: the scan plus one per pipe.</summary>
    public int Operators => _operators;

    /// <summary>The modelled running time (and CPU) of what was read so far.</summary>
    public TimeSpan Modelled => _perQuery + TimeSpan.FromTicks(checked(RowsRead * _operators * _perRowOperator.Ticks));

    public IEnumerable<string> TableNames => _inner.TableNames;

    public bool TryGetTable(string name, out KqlResultTable table)
    {
        if (!_inner.TryGetTable(name, out table))
        {
            return false;
        }

        if (_read.Add(name))
        {
            RowsRead += table.Rows.Count;
            if (_timeout is { } timeout && Modelled > timeout)
            {
                throw new TimedOut(Modelled);
            }
        }

        return true;
    }

    /// <summary>The pipes of the query (a <c>|</c> inside a string literal or comment is not a token).</summary>
    private static int Pipes(string query)
    {
        int pipes = 0;
        foreach (Token token in Lexer.Tokenize(query, []))
        {
            if (token.Kind == TokenKind.Punctuation && token.Text == "|")
            {
                pipes++;
            }
        }

        return pipes;
    }

    /// <summary>Thrown out of the engine when the modelled time passes the request timeout; the engine lets it through.</summary>
    internal sealed class TimedOut(TimeSpan modelled) : Exception("The modelled running time passed the request timeout.")
    {
        public TimeSpan ModelledTime { get; } = modelled;
    }
}
