using Azure;
using Azure.Data.Tables;
using Orleans;

namespace GeoStore.Clustering.Membership;

public sealed partial class AzureTableMembershipTable
{
    public Task<bool> InsertRow(MembershipEntry entry, TableVersion tableVersion)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var insert = new TableTransactionAction(TableTransactionActionType.Add, MembershipRows.ToEntity(_partition, entry));
        return TryChangeAsync(insert, entry, tableVersion);
    }

    public Task<bool> UpdateRow(MembershipEntry entry, string etag, TableVersion tableVersion)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentException.ThrowIfNullOrEmpty(etag);
        var replace = new TableTransactionAction(TableTransactionActionType.UpdateReplace, MembershipRows.ToEntity(_partition, entry), new ETag(etag));
        return TryChangeAsync(replace, entry, tableVersion);
    }

    public async Task UpdateIAmAlive(MembershipEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);

        // A heartbeat is not a membership change: unconditional, and an update, so it never resurrects a removed row.
        await Table.UpdateEntityAsync(MembershipRows.IAmAliveEntity(_partition, entry), ETag.All, TableUpdateMode.Merge);
    }

    /// <summary>
    /// Applies one silo row change together with the new table version, conditional on the version
    /// row's ETag the caller read: false when another change got there first (or the row's own
    /// ETag, or its absence for an insert, no longer holds).
    /// </summary>
    private async Task<bool> TryChangeAsync(TableTransactionAction siloChange, MembershipEntry entry, TableVersion tableVersion)
    {
        ArgumentNullException.ThrowIfNull(tableVersion);
        ArgumentException.ThrowIfNullOrEmpty(tableVersion.VersionEtag);
        TableTransactionAction[] actions =
        [
            siloChange,
            new(TableTransactionActionType.UpdateReplace, MembershipRows.VersionEntity(_partition, MembershipRows.VersionRow, tableVersion.Version), new ETag(tableVersion.VersionEtag)),
            new(TableTransactionActionType.UpsertReplace, MembershipRows.VersionEntity(_partition, MembershipRows.VersionFence, tableVersion.Version)),
        ];
        try
        {
            await Table.SubmitTransactionAsync(actions);
            logger.ChangedMember(entry.SiloAddress, entry.Status, tableVersion.Version);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 409 or 412)
        {
            logger.LostRace(entry.SiloAddress, entry.Status, tableVersion.Version, ex.Status);
            return false;
        }
    }
}
