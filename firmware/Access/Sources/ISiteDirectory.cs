namespace DoorController.Access
{
    /// <summary>The site's readers, doors and nested areas (Fig 3D, Fig 8). Each returns null when unknown.</summary>
    public interface ISiteDirectory
    {
        Reader FindReader(int readerId);

        DoorInfo FindDoor(int doorId);

        Area FindArea(int areaId);
    }
}
