"""Gazebo (gz sim, Harmonic on Jazzy) + gz_ros2_control + controller spawners + the ChunkRT node.

    ros2 launch launch/gazebo.launch.py params_file:=launch/params/arm6_forward.yaml policy_card:=/path/card.yaml

Brings up, in order: gz sim with an empty world, robot_state_publisher with the 6-DoF example arm
(launch/gazebo/arm6.urdf, whose <ros2_control> uses gz_ros2_control/GazeboSimSystem), the robot spawned into
the world, a /clock bridge, then the joint_state_broadcaster and forward_position_controller spawners (each
after the previous step exited), then policy.launch.py with use_sim_time. Needs ros-jazzy-ros-gz and
ros-jazzy-gz-ros2-control. Gazebo is not run in ChunkRT's CI (no simulator there); CI only byte-compiles this
file. Arguments are those of policy.launch.py plus `world` and `urdf`.
"""
import os

from launch import LaunchDescription
from launch.actions import DeclareLaunchArgument, IncludeLaunchDescription, OpaqueFunction, RegisterEventHandler
from launch.event_handlers import OnProcessExit
from launch.launch_description_sources import PythonLaunchDescriptionSource
from launch.substitutions import EnvironmentVariable, LaunchConfiguration
from launch_ros.actions import Node
from launch_ros.substitutions import FindPackageShare

HERE = os.path.dirname(os.path.abspath(__file__))


def _robot_description(urdf_path):
    with open(urdf_path, encoding='utf-8') as f:
        text = f.read()
    controllers = os.path.join(HERE, 'gazebo', 'arm6_controllers.yaml')
    return text.replace('@CONTROLLERS_YAML@', controllers)


def _bringup(context, *args, **kwargs):
    urdf = LaunchConfiguration('urdf').perform(context)
    description = _robot_description(urdf)
    gz_sim = IncludeLaunchDescription(
        PythonLaunchDescriptionSource([FindPackageShare('ros_gz_sim'), '/launch/gz_sim.launch.py']),
        launch_arguments={'gz_args': ['-r -v 1 ', LaunchConfiguration('world')], 'on_exit_shutdown': 'true'}.items(),
    )
    state_publisher = Node(
        package='robot_state_publisher', executable='robot_state_publisher', output='screen',
        parameters=[{'robot_description': description, 'use_sim_time': True}],
    )
    spawn = Node(
        package='ros_gz_sim', executable='create', output='screen',
        arguments=['-topic', 'robot_description', '-name', 'arm6', '-allow_renaming', 'true'],
    )
    clock_bridge = Node(
        package='ros_gz_bridge', executable='parameter_bridge', output='screen',
        arguments=['/clock@rosgraph_msgs/msg/Clock[gz.msgs.Clock'],
    )
    joint_state_broadcaster = Node(
        package='controller_manager', executable='spawner', output='screen',
        arguments=['joint_state_broadcaster', '--controller-manager', '/controller_manager'],
    )
    forward_controller = Node(
        package='controller_manager', executable='spawner', output='screen',
        arguments=['forward_position_controller', '--controller-manager', '/controller_manager'],
    )
    policy = IncludeLaunchDescription(
        PythonLaunchDescriptionSource(os.path.join(HERE, 'policy.launch.py')),
        launch_arguments={
            'params_file': LaunchConfiguration('params_file'),
            'policy_card': LaunchConfiguration('policy_card'),
            'namespace': LaunchConfiguration('namespace'),
            'distro': LaunchConfiguration('distro'),
        }.items(),
    )
    return [
        gz_sim,
        state_publisher,
        spawn,
        clock_bridge,
        RegisterEventHandler(OnProcessExit(target_action=spawn, on_exit=[joint_state_broadcaster])),
        RegisterEventHandler(OnProcessExit(target_action=joint_state_broadcaster, on_exit=[forward_controller])),
        RegisterEventHandler(OnProcessExit(target_action=forward_controller, on_exit=[policy])),
    ]


def generate_launch_description():
    return LaunchDescription([
        DeclareLaunchArgument('params_file', default_value=os.path.join(HERE, 'params', 'arm6_forward.yaml'),
                              description='ROS parameter YAML for the ChunkRT node'),
        DeclareLaunchArgument('policy_card', default_value='', description='policy card (empty: the params file one)'),
        DeclareLaunchArgument('namespace', default_value='', description='ChunkRT node namespace'),
        DeclareLaunchArgument('distro', default_value=EnvironmentVariable('ROS_DISTRO', default_value='jazzy'),
                              description='humble or jazzy'),
        DeclareLaunchArgument('world', default_value='empty.sdf', description='gz sim world'),
        DeclareLaunchArgument('urdf', default_value=os.path.join(HERE, 'gazebo', 'arm6.urdf'),
                              description='robot description with a <ros2_control> block for gz_ros2_control'),
        OpaqueFunction(function=_bringup),
    ])
