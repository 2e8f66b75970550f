namespace DoorController.Access
{
    /// <summary>A space whose entry and exit are managed (building X1 &gt; office X2 &gt; room X7, Fig 8).</summary>
    public sealed class Area
    {
        public int Id;
        /// <summary>The enclosing area; 0 for a top-level area.</summary>
        public int ParentId;
        public string Name;

        public Area()
        {
        }

        public Area(int id, int parentId, string name)
        {
            Id = id;
            ParentId = parentId;
            Name = name;
        }
    }
}
