namespace TkeStack.Simulator;

/// <summary>Every route of the simulator, in one place. The API groups are served under the
/// guide's prefixes (<c>/platform</c> for the platform and the cluster proxy, <c>/business</c> for
/// projects) and, with <c>--unprefixed</c>, at the open-source API servers' own paths too; with
/// <c>--gateway open-source</c>, at those paths only.
/// <c>/_sim/...</c> is the control surface for tests, never an API path.</summary>
internal static class Routes
{
    public static void Map(WebApplication app, SimulatorState state)
    {
        app.Use(Gateway.Handle);

        // The open-source gateway has no /platform or /business prefix (OpenSourceGateway.cs).
        if (!state.Options.IsOpenSource)
        {
            MapPlatform(app.MapGroup("/platform"));
            MapBusiness(app.MapGroup("/business"));
        }
        if (state.Options.Unprefixed || state.Options.IsOpenSource)
        {
            var bare = app.MapGroup("");
            MapPlatform(bare);
            MapBusiness(bare);
        }
        ControlApi.Map(app.MapGroup("/_sim"));
        WorkloadApi.MapControl(app.MapGroup("/_sim"));
        app.MapFallback(Gateway.Fallback);
    }

    private static void MapPlatform(RouteGroupBuilder g)
    {
        ClusterApi.Map(g);
        ProxyApi.Map(g);
        WorkloadApi.Map(g);
        ScaleApi.Map(g);
        PodApi.Map(g);
        MachineApi.Map(g);
    }

    private static void MapBusiness(RouteGroupBuilder g)
    {
        BusinessApi.Map(g);
    }
}
